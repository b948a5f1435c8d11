using Framecast.Features.Accounts;
using Framecast.Infrastructure.Audit;
using Framecast.Infrastructure.Http;
using Framecast.Infrastructure.Settings;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Framecast.Features.Admin.Settings;

public sealed record SettingsRequest(string? SiteName, bool? RegistrationOpen);

public static class AdminSettingsEndpoints
{
    public static IEndpointRouteBuilder MapAdminSettingsEndpoints(this IEndpointRouteBuilder app)
    {
        var settings = app.MapAdminGroup("/api/v1/admin/settings");
        settings.MapGet("", Get);
        settings.MapPatch("", Update).Audited("settings.update", "settings", "none");
        return app;
    }

    private static async Task<Ok<SiteSettingsValues>> Get(SiteSettings settings, CancellationToken cancellationToken) =>
        TypedResults.Ok(await settings.GetAsync(cancellationToken));

    private static async Task<Results<Ok<SiteSettingsValues>, ValidationProblem>> Update(SettingsRequest request, SiteSettings settings, CancellationToken cancellationToken)
    {
        var name = request.SiteName?.Trim();
        if (name is { Length: 0 or > SiteSettingsValues.MaxSiteNameLength } || (name is not null && name.Any(char.IsControl)))
        {
            return Problems.Validation("siteName", $"Use 1 to {SiteSettingsValues.MaxSiteNameLength} characters, on one line.");
        }
        return TypedResults.Ok(await settings.UpdateAsync(name, request.RegistrationOpen, cancellationToken));
    }
}
