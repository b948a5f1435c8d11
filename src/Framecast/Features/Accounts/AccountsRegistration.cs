using Framecast.Infrastructure.Audit;
using Framecast.Infrastructure.Settings;
using Microsoft.AspNetCore.Identity;

namespace Framecast.Features.Accounts;

public static class AccountsRegistration
{
    public static IServiceCollection AddAccountsFeature(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<IPasswordHasher<User>, PasswordHasher<User>>();
        services.AddScoped<AccountsService>();
        services.AddScoped<SiteSettings>();
        services.AddSingleton<AuditLog>();
        services.AddScoped<SessionService>();
        services.AddScoped<LoginThrottle>();
        services.AddScoped<KnownDevices>();
        services.AddScoped<SignInService>();
        services.AddScoped<UserDirectory>();
        services.AddAuthentication(SessionAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, SessionAuthenticationHandler>(SessionAuthenticationHandler.SchemeName, null)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, SessionAuthenticationHandler>(SessionAuthenticationHandler.OnDemandSchemeName, null);
        services.AddAuthorization();
        services.AddAntiforgery(o =>
        {
            o.HeaderName = CookieAntiforgeryMiddleware.HeaderName;
            o.Cookie.Name = "fc_antiforgery";
        });
        return services;
    }
}
