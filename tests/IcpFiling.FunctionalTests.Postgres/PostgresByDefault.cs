using System.Runtime.CompilerServices;
using IcpFiling.Testing;

namespace IcpFiling.FunctionalTests;

internal static class PostgresByDefault
{
    /// <summary>Runs before any test of this assembly: every factory it creates uses the run's PostgreSQL cluster.</summary>
    [ModuleInitializer]
    internal static void Apply() => IcpFilingWebFactory.PostgresByDefault = true;
}
