namespace IcpFiling.Core.Instances;

/// <summary>
/// One IP address of an instance, one row each, so "which instance has this address" is an index lookup. The
/// instance's <see cref="Instance.PublicIps"/> list stays the source; the context writes these rows from it on every
/// save (see IcpFilingDbContext), so no command has to remember them.
/// </summary>
public sealed class InstanceAddress
{
    public int InstanceRef { get; init; }

    public Instance Instance { get; init; } = null!;

    /// <summary>Canonical text form (<see cref="PublicAddresses.Normalize"/>).</summary>
    public required string Address { get; init; }
}
