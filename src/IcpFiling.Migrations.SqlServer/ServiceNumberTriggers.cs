using IcpFiling.Core.ServiceNumbers;

namespace IcpFiling.Migrations.SqlServer;

/// <summary>
/// The database's own guard of "Used is final" (<see cref="NumberTransitions"/>): an UPDATE that moves a number out
/// of Used is refused and rolled back, whoever writes it. The model declares the trigger (HasTrigger), so EF does not
/// use OUTPUT on this table, which SQL Server refuses on a table with triggers. Fixed text, not built from the
/// table: a migration that ran must mean the same for ever. CREATE TRIGGER must be alone in its batch: one Sql call.
/// </summary>
public static class ServiceNumberTriggers
{
    public const string CreateUsedIsFinal = $"""
        CREATE TRIGGER [{NumberTransitions.UsedIsFinalTrigger}] ON [ServiceNumbers] AFTER UPDATE AS
        BEGIN
            SET NOCOUNT ON;
            IF UPDATE([Status]) AND EXISTS (
                SELECT 1 FROM inserted AS i INNER JOIN deleted AS d ON d.[Id] = i.[Id]
                WHERE d.[Status] = N'Used' AND i.[Status] <> N'Used')
                THROW 50000, N'{NumberTransitions.UsedIsFinalTrigger}: a used service number stays used', 1;
        END;
        """;

    public const string DropUsedIsFinal = $"DROP TRIGGER IF EXISTS [{NumberTransitions.UsedIsFinalTrigger}];";
}
