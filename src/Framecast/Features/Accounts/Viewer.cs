using System.Security.Claims;

namespace Framecast.Features.Accounts;

/// <summary>Who is asking: anonymous (no <see cref="UserId"/>), a user, or an admin.</summary>
public sealed record Viewer(string? UserId, bool IsAdmin)
{
    public static readonly Viewer Anonymous = new(null, false);

    public bool IsAuthenticated => UserId is not null;

    public bool Owns(string ownerId) => UserId == ownerId;

    public bool OwnsOrAdmin(string ownerId) => IsAdmin || Owns(ownerId);

    public static Viewer From(ClaimsPrincipal principal) =>
        principal.FindFirstValue(ClaimTypes.NameIdentifier) is { } id
            ? new Viewer(id, principal.IsInRole(SessionAuthenticationHandler.AdminRole))
            : Anonymous;
}
