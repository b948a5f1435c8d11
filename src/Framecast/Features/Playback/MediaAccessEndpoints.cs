using System.Globalization;
using Framecast.Hosting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Framecast.Features.Playback;

/// <summary>
/// The question nginx asks (<c>auth_request</c>, deploy/nginx) before it sends a media file itself: may this request
/// read this file? 200 means yes, with the Cache-Control to send (<c>X-Media-Cache-Control</c>) and how long nginx
/// may reuse the answer (<c>X-Accel-Expires</c>: a public video's answer briefly, a private one's never). 403 means
/// "let Framecast answer": an error, a missing file, or a private playlist that carries tokens.
/// </summary>
public static class MediaAccessEndpoints
{
    public const string Path = "/_framecast/media-access";
    public const string OriginalUriHeader = "X-Original-URI";

    public static IEndpointRouteBuilder MapMediaAccessEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapMethods(Path, [HttpMethods.Get, HttpMethods.Head], CheckMediaAccess).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> CheckMediaAccess([AsParameters] MediaRequest request, IOptions<FramecastOptions> framecast)
    {
        var http = request.Http;
        http.Response.Headers["X-Accel-Expires"] = "0";
        if (!TryParse(http.Request.Headers[OriginalUriHeader].ToString(), out var id, out var file, out var token))
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }
        var resolved = await MediaResolver.ResolveAsync(id, token, request, MediaFile.FromPath(file));
        if (resolved.Refusal is not null || resolved.IsRewrittenPlaylist)
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }
        http.Response.Headers["X-Media-Cache-Control"] = resolved.CacheControl;
        if (resolved.CacheControl!.StartsWith("public", StringComparison.Ordinal))
        {
            // The same answer for everyone: nginx may reuse it as long as our own caches would (a change reaches both).
            http.Response.Headers["X-Accel-Expires"] = Math.Max(1, (int)framecast.Value.LocalCacheLifetime.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }
        return Results.Ok();
    }

    /// <summary><c>/media/{id}/{file}?token=…</c> as nginx saw it (raw: an encoded name fails the file table later).</summary>
    private static bool TryParse(string uri, out string id, out string file, out string? token)
    {
        (id, file, token) = ("", "", null);
        const string prefix = "/media/";
        var query = uri.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? uri : uri[..query];
        if (!path.StartsWith(prefix, StringComparison.Ordinal) || path[prefix.Length..].Split('/', 2) is not [{ Length: > 0 } first, { Length: > 0 } rest])
        {
            return false;
        }
        (id, file) = (first, rest);
        token = query < 0 ? null : QueryHelpers.ParseQuery(uri[query..]).TryGetValue("token", out var t) ? t.ToString() : null;
        return true;
    }
}
