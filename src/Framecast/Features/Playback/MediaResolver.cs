using Framecast.Features.Accounts;
using Framecast.Features.Videos;
using Framecast.Infrastructure.Http;
using Microsoft.AspNetCore.Authentication;

namespace Framecast.Features.Playback;

/// <summary>
/// Who may read which media file, for the media routes and for the access check nginx asks before it sends a file
/// itself (<see cref="MediaAccessEndpoints"/>): one rule for both.
/// </summary>
public static class MediaResolver
{
    public static async Task<MediaResolution> ResolveAsync(string id, string? token, MediaRequest request, MediaFile? media)
    {
        if (media is null)
        {
            return MediaResolution.Refused(NotFound());
        }
        var (_, video, effectiveToken) = await request.Access.AuthorizeAsync(id, () => ViewerAsync(request.Http), token, request.Http.RequestAborted);
        if (video is null || (media == MediaFile.Original && !await MayReadOriginalAsync(request, video)))
        {
            return MediaResolution.Refused(NotFound());
        }
        if (!media.IsAvailable(video))
        {
            return MediaResolution.Refused(video.Status == VideoStatus.Processing
                ? Problems.Create(StatusCodes.Status409Conflict, "video.not_ready", "Not ready yet", "This file appears once processing reaches it.")
                : NotFound());
        }
        var file = new FileInfo(await request.Blobs.GetLocalPathAsync($"{video.Id}/{media.Name}", request.Http.RequestAborted));
        if (!file.Exists)
        {
            return MediaResolution.Refused(NotFound());
        }
        // Shared caches (a CDN) may keep public media; private media and owner-only originals stay in the viewer's own cache.
        var cacheControl = media == MediaFile.Original && !request.Options.Value.PublicOriginals ? $"private, {media.MaxAge}" : media.CacheControl(video);
        return new MediaResolution(null, video, media.Name, file, cacheControl, effectiveToken);
    }

    public static IResult NotFound() => Problems.NotFound("media.not_found", "Media not found");

    /// <summary>The uploaded file may carry its author's position and device: only the owner and admins, by session.</summary>
    private static async Task<bool> MayReadOriginalAsync(MediaRequest request, PlaybackVideo video) =>
        request.Options.Value.PublicOriginals || (await ViewerAsync(request.Http)).OwnsOrAdmin(video.OwnerId);

    private static async Task<Viewer> ViewerAsync(HttpContext http)
    {
        var result = await http.AuthenticateAsync(SessionAuthenticationHandler.OnDemandSchemeName);
        return result.Succeeded ? Viewer.From(result.Principal) : Viewer.Anonymous;
    }
}
