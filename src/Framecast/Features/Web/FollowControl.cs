using System.Security.Claims;

namespace Framecast.Features.Web;

/// <summary>
/// What the Follow control shows for this viewer and channel (<c>Pages/Shared/_Follow.cshtml</c>): the button for
/// others, a sign-in link when signed out, the follower count alone on one's own channel. <c>js/social/main.js</c>
/// reads and changes the follow through the API.
/// </summary>
public sealed record FollowControl(string Channel, bool SignedIn, bool IsOwner, string ReturnUrl)
{
    public static FollowControl For(ClaimsPrincipal user, string channel, string returnUrl)
    {
        var signedIn = user.Identity?.IsAuthenticated == true;
        var owner = signedIn && string.Equals(user.Identity!.Name, channel, StringComparison.OrdinalIgnoreCase);
        return new FollowControl(channel.ToLowerInvariant(), signedIn, owner, returnUrl);
    }

    public string SignInUrl => $"/login?returnUrl={Uri.EscapeDataString(ReturnUrl)}";
}
