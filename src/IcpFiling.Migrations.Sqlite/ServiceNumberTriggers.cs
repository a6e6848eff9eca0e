using IcpFiling.Core.ServiceNumbers;

namespace IcpFiling.Migrations.Sqlite;

/// <summary>
/// The database's own guard of "Used is final" (<see cref="NumberTransitions"/>): an UPDATE that moves a number out
/// of Used is refused, whoever writes it. A BEFORE trigger, so EF keeps its RETURNING clause (AFTER triggers break it).
/// Fixed text, not built from the table: a migration that ran must mean the same for ever. A migration that rebuilds
/// the ServiceNumbers table drops the trigger with it and must create it again (the raw-SQL tests fail if not).
/// </summary>
public static class ServiceNumberTriggers
{
    public const string CreateUsedIsFinal = $"""
        CREATE TRIGGER "{NumberTransitions.UsedIsFinalTrigger}" BEFORE UPDATE OF "Status" ON "ServiceNumbers"
        FOR EACH ROW WHEN OLD."Status" = 'Used' AND NEW."Status" <> 'Used'
        BEGIN
            SELECT RAISE(ABORT, '{NumberTransitions.UsedIsFinalTrigger}: a used service number stays used');
        END;
        """;

    public const string DropUsedIsFinal = $"""DROP TRIGGER IF EXISTS "{NumberTransitions.UsedIsFinalTrigger}";""";
}
