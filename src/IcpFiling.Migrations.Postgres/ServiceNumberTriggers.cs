using IcpFiling.Core.ServiceNumbers;

namespace IcpFiling.Migrations.Postgres;

/// <summary>
/// The database's own guard of "Used is final" (<see cref="NumberTransitions"/>): an UPDATE that moves a number out
/// of Used is refused (SQLSTATE 23514, check_violation), whoever writes it. Fixed text, not built from the table:
/// a migration that ran must mean the same for ever.
/// </summary>
public static class ServiceNumberTriggers
{
    private const string Function = "ServiceNumbers_UsedIsFinal";

    public const string CreateUsedIsFinal = $"""
        CREATE FUNCTION "{Function}"() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '{NumberTransitions.UsedIsFinalTrigger}: a used service number stays used (number %)', OLD."Number"
                USING ERRCODE = 'check_violation';
        END
        $$;
        CREATE TRIGGER "{NumberTransitions.UsedIsFinalTrigger}" BEFORE UPDATE OF "Status" ON "ServiceNumbers"
        FOR EACH ROW WHEN (OLD."Status" = 'Used' AND NEW."Status" <> 'Used')
        EXECUTE FUNCTION "{Function}"();
        """;

    public const string DropUsedIsFinal = $"""
        DROP TRIGGER IF EXISTS "{NumberTransitions.UsedIsFinalTrigger}" ON "ServiceNumbers";
        DROP FUNCTION IF EXISTS "{Function}"();
        """;
}
