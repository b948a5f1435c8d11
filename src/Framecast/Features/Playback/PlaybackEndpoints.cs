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
        app.MapMediaAccessEndpoints();
        return app;
    }

    private static Task<IResult> GetMasterPlaylist(string id, string? token, [AsParameters] MediaRequest request) =>
        ServeAsync(id, token, request, MediaFile.Master);

    private static Task<IResult> GetHlsFile(string id, string rendition, string file, string? token, [AsParameters] MediaRequest request) =>
        ServeAsync(id, token, request, MediaFile.Hls(rendition, file));

    private static Task<IResult> GetOriginal(string id, string? token, [AsParameters] MediaRequest request) =>
        ServeAsync(id, token, request, MediaFile.Original);

    private static Task<IResult> GetFastStartMp4(string id, string? token, [AsParameters] MediaRequest request) =>
        ServeAsync(id, token, request, MediaFile.FastStart);

    private static Task<IResult> GetImageAsync(string id, string? token, string name, MediaRequest request) =>
        ServeAsync(id, token, request, MediaFile.Image(name));

    private static async Task<IResult> ServeAsync(string id, string? token, MediaRequest request, MediaFile? media)
    {
        var resolved = await MediaResolver.ResolveAsync(id, token, request, media);
        if (resolved.Refusal is { } refusal)
        {
            return refusal;
        }
        var (name, file) = (resolved.Name!, resolved.File!);
        request.Http.Response.Headers.CacheControl = resolved.CacheControl;
        if (resolved.IsRewrittenPlaylist)
        {
            request.Http.Response.Headers.CacheControl = "private, no-store";
            var playlist = await File.ReadAllTextAsync(file.FullName, request.Http.RequestAborted);
            return TypedResults.Text(PlaylistRewriter.AddToken(playlist, resolved.Token!), MediaFileNames.ContentType(name));
        }
        var lastModified = new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero);
        var etag = new EntityTagHeaderValue(MediaValidators.EntityTag(file.Length, file.LastWriteTimeUtc));
        // The framework's file result: ranges, If-Range, conditional requests and HEAD; the bytes with a send timeout.
        SendTimeoutBody.Install(request.Http, request.Options.Value.SendTimeout);
        return TypedResults.PhysicalFile(file.FullName, MediaFileNames.ContentType(name), lastModified: lastModified, entityTag: etag, enableRangeProcessing: true);
    }
}
