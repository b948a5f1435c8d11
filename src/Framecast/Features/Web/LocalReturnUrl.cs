using System.Text;
using Microsoft.AspNetCore.Mvc;

namespace Framecast.Features.Web;

/// <summary>Where to go after logging in: only a path on this site, never another origin (open-redirect guard).</summary>
public static class LocalReturnUrl
{
    /// <summary>
    /// The framework's own local-URL rule (the one <c>LocalRedirect</c> enforces, so it can never throw on what passes),
    /// then anything outside printable ASCII percent-encoded: a Location header may carry nothing else.
    /// </summary>
    public static string Sanitize(string? returnUrl, IUrlHelper url) =>
        !string.IsNullOrEmpty(returnUrl) && url.IsLocalUrl(returnUrl) ? EscapeNonAscii(returnUrl) : "/";

    /// <summary>The log-in page for a page that needs a signed-in user.</summary>
    public static string LoginFor(HttpRequest request) => $"/login?returnUrl={Uri.EscapeDataString(request.Path + request.QueryString)}";

    private static string EscapeNonAscii(string value)
    {
        if (value.All(c => c is > ' ' and < '\x7f'))
        {
            return value;
        }
        var escaped = new StringBuilder(value.Length * 2);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in value.EnumerateRunes())
        {
            if (rune.Value is > ' ' and < 0x7f)
            {
                escaped.Append((char)rune.Value);
                continue;
            }
            foreach (var b in bytes[..rune.EncodeToUtf8(bytes)])
            {
                escaped.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return escaped.ToString();
    }
}
