using System.Security.Claims;

namespace Framecast.Features.Web;

/// <summary>
/// The "Send a gift" control (<c>Pages/Shared/_GiftPicker.cshtml</c>) for a broadcast or a video: the picker's host
/// for signed-in viewers (<c>js/gifts/picker.js</c> adds the button and the dialog), a sign-in link when signed out,
/// nothing on one's own channel.
/// </summary>
public sealed record GiftPickerControl(string? SessionId, string? VideoId, bool SignedIn, bool IsOwner, string ReturnUrl)
{
    public static GiftPickerControl For(ClaimsPrincipal user, string channel, string returnUrl, string? sessionId, string? videoId)
    {
        var follow = FollowControl.For(user, channel, returnUrl);
        return new GiftPickerControl(sessionId, videoId, follow.SignedIn, follow.IsOwner, returnUrl);
    }

    public string SignInUrl => $"/login?returnUrl={Uri.EscapeDataString(ReturnUrl)}";
}
