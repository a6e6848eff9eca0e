using IcpFiling.Web.Hosting;
using Serilog;

Log.Logger = LoggingSetup.CreateBootstrapLogger();

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddIcpFilingConsole();

    var app = builder.Build();
    await app.PrepareDatabaseAsync(app.Lifetime.ApplicationStopping);
    if (ApiClientsCommand.Matches(args))
    {
        // An operator's command on the configured database, not a web server.
        Environment.ExitCode = await ApiClientsCommand.RunAsync(app.Services, args, Console.Out, CancellationToken.None);
        return;
    }

    if (IcpFiling.Web.Admin.AdminsCommand.Matches(args))
    {
        Environment.ExitCode = await IcpFiling.Web.Admin.AdminsCommand.RunAsync(app.Services, args, Console.In, Console.Out, CancellationToken.None);
        return;
    }

    app.UseIcpFilingPipeline();

    await app.RunAsync();
}
catch (DatabaseSetupRefusedException refused)
{
    // Not a fault: the database is in a state this version will not touch; the one line says what to do.
    Log.Fatal("{Refusal}", refused.Message);
    Environment.ExitCode = 1;
}
catch (Exception exception) when (exception is not HostAbortedException)
{
    // HostAbortedException is how EF tooling and test hosts stop the app on purpose.
    Log.Fatal(exception, "IcpFiling console terminated unexpectedly");
    throw;
}
finally
{
    await Log.CloseAndFlushAsync();
}

/// <summary>Entry point, visible to WebApplicationFactory.</summary>
public partial class Program;
