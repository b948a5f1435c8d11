using Framecast.Features.Uploads;
using Framecast.Features.Videos;
using Framecast.Infrastructure.Media;
using Framecast.Infrastructure.Storage;

namespace Framecast.Features.Processing;

/// <summary>
/// The steps from an uploaded file to a published video: import, probe, instant-playback remux, thumbnail and
/// storyboard, the HLS ladder in one ffmpeg run, publish. Every output is finished in the run's workspace first.
/// </summary>
public sealed class MediaPipeline(
    IBlobStore blobs,
    UploadsService uploads,
    VideoPipelineState state,
    MediaCommands commands,
    WatermarkService watermarks)
{
    public async Task RunAsync(string videoId, ProcessingWorkspace workspace, ProcessingWatch watch)
    {
        var token = watch.Token;
        var input = await ImportOriginalAsync(videoId, token);

        await state.EnterStageAsync(videoId, ProcessingStage.Probing, 1, token);
        var info = await commands.ProbeAsync(input, token);
        var video = info.Video!;
        await state.RecordProbeAsync(videoId, info.DurationSeconds, video.DisplayWidth, video.DisplayHeight, token);
        var watermark = await state.WatermarkOwnerAsync(videoId, token) is { } owner ? await watermarks.OverlayForAsync(owner, token) : null;

        // A copy of the source would show the picture without the channel's watermark: watermarked videos wait for the ladder.
        if (watermark is null && InstantPlayback.IsBrowserPlayable(info))
        {
            await state.EnterStageAsync(videoId, ProcessingStage.Remuxing, 3, token);
            var mp4 = workspace.File("video.mp4");
            await commands.RemuxAsync(input, mp4, info, workspace.LogPath, token);
            await blobs.ImportFileAsync($"{videoId}/video.mp4", mp4, token);
            await state.MarkPlayableAsync(videoId, token);
        }

        await state.EnterStageAsync(videoId, ProcessingStage.Thumbnails, 5, token);
        await commands.ThumbnailAsync(input, workspace.File("thumbnail.jpg"), info, workspace.LogPath, token);
        var plan = StoryboardPlan.For(info.DurationSeconds);
        await commands.StoryboardAsync(input, workspace.File("storyboard.jpg"), info, plan, workspace.LogPath, token);
        await File.WriteAllTextAsync(workspace.File("storyboard.vtt"), StoryboardVttWriter.Write(plan, $"/media/{videoId}/storyboard.jpg"), token);
        foreach (var name in new[] { "thumbnail.jpg", "storyboard.jpg", "storyboard.vtt" })
        {
            await blobs.ImportFileAsync($"{videoId}/{name}", workspace.File(name), token);
        }
        await state.MarkThumbnailAsync(videoId, token);

        await state.EnterStageAsync(videoId, ProcessingStage.Transcoding, 8, token);
        var hls = workspace.File("hls");
        var rungs = await commands.TranscodeAsync(input, hls, info, watermark, workspace.LogPath,
            fraction => watch.ReportProgress(8 + (int)(fraction * 88)), token);
        await blobs.ImportDirectoryAsync($"{videoId}/hls", hls, token);

        await state.EnterStageAsync(videoId, ProcessingStage.Publishing, 98, token);
        await state.PublishAsync(videoId, [.. rungs.Select(r => new Rendition(r.Name, r.Width, r.Height, (r.VideoKbps + r.AudioKbps) * 1000))], token);
    }

    /// <summary>Moves the staged upload into media storage (once; a re-run finds it there) and returns a local path.</summary>
    private async Task<string> ImportOriginalAsync(string videoId, CancellationToken token)
    {
        var key = $"{videoId}/original";
        if (!await blobs.ExistsAsync(key, token))
        {
            var staged = await uploads.StagedFileForVideoAsync(videoId, token)
                ?? throw new MediaUnsupportedException("The uploaded file is missing.");
            await blobs.ImportFileAsync(key, staged, token);
        }
        var local = await blobs.GetLocalPathAsync(key, token);
        // ffmpeg opens exactly the file we stored: a regular file, never a link to somewhere else on the server.
        if (new FileInfo(local) is not { Exists: true, LinkTarget: null })
        {
            throw new MediaUnsupportedException("The uploaded file is missing.");
        }
        return local;
    }
}
