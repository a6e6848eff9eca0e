using IcpFiling.Web.Admin.Mail;
using Microsoft.AspNetCore.Identity;

namespace IcpFiling.Web.Admin;

internal static class AdminSetup
{
    /// <summary>Mail, set-password links and their lifetime.</summary>
    public static IServiceCollection AddAdministration(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SmtpOptions>(configuration.GetSection(SmtpOptions.SectionName));
        services.Configure<InvitationOptions>(configuration.GetSection(InvitationOptions.SectionName));
        // Identity's password-reset tokens are the set-password links: they live as long as an invitation should.
        services.Configure<DataProtectionTokenProviderOptions>(options =>
            options.TokenLifespan = configuration.GetSection(InvitationOptions.SectionName).Get<InvitationOptions>()?.LinkLifetime ?? new InvitationOptions().LinkLifetime);
        services.AddSingleton<MailSender>();
        services.AddScoped<PasswordLinks>();
        return services;
    }
}
