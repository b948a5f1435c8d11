using Framecast.Features.Accounts;
using Framecast.Features.Videos;
using Framecast.Infrastructure.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Net.Http.Headers;

namespace Framecast.Features.Playback;

/// <summary>The <c>stream</c> role: a video's media files with full HTTP range and cache semantics.</summary>
public static class PlaybackEndpoints
{
    private static readonly string[] GetHead = [HttpMethods.Get, HttpMethods.Head];

    public static IEndpointRouteBuilder MapPlaybackEndpoints(this IEndpointRouteBuilder app)
    {
        var media = app.MapGroup("/media/{id}").WithTags("Playback").RequireCors(PlaybackRegistration.CorsPolicy);
        media.MapMethods("/hls/master.m3u8", GetHead, GetMasterPlaylist);
        media.MapMethods("/hls/{rendition}/{file}", GetHead, GetHlsFile);
        media.MapMethods("/original", GetHead, GetOriginal);
        media.MapMethods("/video.mp4", GetHead, GetFastStartMp4);
        media.MapMethods("/thumbnail.jpg", GetHead, (string id, string? token, [AsParameters] MediaRequest request) => GetImageAsync(id, token, "thumbnail.jpg", request));
        media.MapMethods("/storyboard.jpg", GetHead, (string id, string? token, [AsParameters] MediaRequest request) => GetImageAsync(id, token, "storyboard.jpg", request));
        media.MapMethods("/storyboard.vtt", GetHead, (string id, string? token, [AsParameters] MediaRequest request) => GetImageAsync(id, token, "storyboard.vtt", request));
        return app;
    }

    private static Task<IResult> GetMasterPlaylist(string id, string? token, [AsParameters] MediaRequest request) =>
        ServeAsync(id, token, request, MediaFile.Master);

    private static Task<IResult> GetHlsFile(string id, string rendition, string file, string? token, [AsParameters] MediaRequest request) =>
        MediaFile.Hls(rendition, file) is { } media ? ServeAsync(id, token, request, media) : Task.FromResult(NotFound());

    private static Task<IResult> GetOriginal(string id, string? token, [AsParameters] MediaRequest request) =>
        ServeAsync(id, token, request, MediaFile.Original);

    private static Task<IResult> GetFastStartMp4(string id, string? token, [AsParameters] MediaRequest request) =>
        ServeAsync(id, token, request, MediaFile.FastStart);

    private static Task<IResult> GetImageAsync(string id, string? token, string name, MediaRequest request) =>
        ServeAsync(id, token, request, MediaFile.Image(name));

    private static async Task<IResult> ServeAsync(string id, string? token, MediaRequest request, MediaFile media)
    {
        var (verdict, video, effectiveToken) = await request.Access.AuthorizeAsync(id, () => ViewerAsync(request.Http), token, request.Http.RequestAborted);
        if (video is null || (media == MediaFile.Original && !await MayReadOriginalAsync(request, video)))
        {
            return NotFound();
        }
        if (!media.IsAvailable(video))
        {
            return video.Status == VideoStatus.Processing
                ? Problems.Create(StatusCodes.Status409Conflict, "video.not_ready", "Not ready yet", "This file appears once processing reaches it.")
                : NotFound();
        }
        var name = media.Name;
        var path = await request.Blobs.GetLocalPathAsync($"{video.Id}/{name}", request.Http.RequestAborted);
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            return NotFound();
        }
        var headers = request.Http.Response.Headers;
        // Shared caches (a CDN) may keep public media; private media and owner-only originals stay in the viewer's own cache.
        headers.CacheControl = media == MediaFile.Original && !request.Options.Value.PublicOriginals
            ? $"private, {media.MaxAge}"
            : media.CacheControl(video);
        if (video.IsPrivate && MediaFileNames.IsPlaylist(name))
        {
            headers.CacheControl = "private, no-store";
            var playlist = await File.ReadAllTextAsync(path, request.Http.RequestAborted);
            return TypedResults.Text(PlaylistRewriter.AddToken(playlist, effectiveToken!), MediaFileNames.ContentType(name));
        }
        var lastModified = new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero);
        var etag = new EntityTagHeaderValue(MediaValidators.EntityTag(file.Length, file.LastWriteTimeUtc));
        // The framework's file result: ranges, If-Range, conditional requests and HEAD.
        return TypedResults.PhysicalFile(path, MediaFileNames.ContentType(name), lastModified: lastModified, entityTag: etag, enableRangeProcessing: true);
    }

    /// <summary>The uploaded file may carry its author's position and device: only the owner and admins, by session.</summary>
    private static async Task<bool> MayReadOriginalAsync(MediaRequest request, PlaybackVideo video) =>
        request.Options.Value.PublicOriginals || (await ViewerAsync(request.Http)).OwnsOrAdmin(video.OwnerId);

    private static async Task<Viewer> ViewerAsync(HttpContext http)
    {
        var result = await http.AuthenticateAsync(SessionAuthenticationHandler.OnDemandSchemeName);
        return result.Succeeded ? Viewer.From(result.Principal) : Viewer.Anonymous;
    }

    private static IResult NotFound() => Problems.NotFound("media.not_found", "Media not found");
}
