using System.Text.Json;
using Framecast.Features.Videos;
using Framecast.Hosting;
using Framecast.Infrastructure.Jobs;
using Framecast.Infrastructure.Media;
using Framecast.Infrastructure.Storage;
using Microsoft.Extensions.Options;

namespace Framecast.Features.Processing;

/// <summary>
/// The <c>video.process</c> job. Safe to re-run from scratch: each run works in a fresh workspace and only moves
/// finished outputs into place. Unsupported media fails the video at once; other errors are retried by the queue,
/// and the last attempt leaves the video <c>failed</c> with the reason.
/// </summary>
public sealed class VideoProcessingJob(
    MediaPipeline pipeline,
    VideoPipelineState state,
    IBlobStore blobs,
    IServiceScopeFactory scopes,
    IOptions<FramecastOptions> options,
    ILogger<VideoProcessingJob> logger) : IJobHandler
{
    public const string Type = "video.process";

    public async Task RunAsync(JobLease job, CancellationToken cancellationToken)
    {
        var videoId = Payload(job).VideoId;
        if (await state.StatusAsync(videoId, cancellationToken) != VideoStatus.Processing)
        {
            logger.LogInformation("Video {VideoId} is no longer processing; nothing to do", videoId);
            return;
        }
        using var workspace = ProcessingWorkspace.Create(options.Value, videoId);
        await using var watch = new ProcessingWatch(scopes, videoId, TimeProvider.System, cancellationToken);
        try
        {
            await pipeline.RunAsync(videoId, workspace, watch);
            logger.LogInformation("Video {VideoId} is ready", videoId);
        }
        catch (OperationCanceledException) when (watch.VideoGone)
        {
            logger.LogInformation("Video {VideoId} was deleted while processing; stopped", videoId);
        }
        catch (FfmpegException ex)
        {
            // The workspace goes with this run; keep its ffmpeg log and put the stderr tail on the job's error.
            KeepLog(workspace, videoId, job);
            throw new InvalidOperationException($"{ex.GetType().Name}: {ex.Message}{Environment.NewLine}{string.Join(Environment.NewLine, ex.StderrTail.TakeLast(20))}", ex);
        }
        catch (MediaUnsupportedException ex)
        {
            logger.LogWarning("Video {VideoId} is not processable: {Reason}", videoId, ex.InnerException?.Message ?? ex.Message);
            // The bytes go first: once the video reads "failed", nothing of it may be left behind.
            await blobs.DeletePrefixAsync(videoId, CancellationToken.None);
            await state.FailAsync(videoId, "media.unsupported", ex.Message, CancellationToken.None);
        }
    }

    public async Task OnGaveUpAsync(JobLease job, string error, CancellationToken cancellationToken)
    {
        var reason = error.Contains(nameof(FfmpegStalledException), StringComparison.Ordinal)
            ? "Processing stopped making progress and was given up after several attempts."
            : $"Processing failed after {job.MaxAttempts} attempts. The site's operator can find the cause in the job log.";
        await state.FailAsync(Payload(job).VideoId, "media.processing_failed", reason, cancellationToken);
    }

    private void KeepLog(ProcessingWorkspace workspace, string videoId, JobLease job)
    {
        try
        {
            var logs = Path.Combine(Path.GetFullPath(options.Value.DataDirectory), "logs", "processing");
            Directory.CreateDirectory(logs);
            File.Copy(workspace.LogPath, Path.Combine(logs, $"{videoId}-job{job.Id}-attempt{job.Attempts}.log"), overwrite: true);
        }
        catch (IOException ex)
        {
            // Losing the copy loses detail, not work: the job's error still has the stderr tail.
            logger.LogWarning(ex, "Could not keep the ffmpeg log of video {VideoId}", videoId);
        }
    }

    private static VideoJobPayload Payload(JobLease job) =>
        JsonSerializer.Deserialize<VideoJobPayload>(job.Payload, JsonSerializerOptions.Web) ?? throw new InvalidOperationException("Empty video.process payload");
}
