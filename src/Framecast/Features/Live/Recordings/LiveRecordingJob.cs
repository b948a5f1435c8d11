using System.Globalization;
using System.Text.Json;
using Framecast.Features.Live.Broadcasts;
using Framecast.Features.Videos;
using Framecast.Infrastructure.Data;
using Framecast.Infrastructure.Jobs;
using Framecast.Infrastructure.Media;
using Framecast.Infrastructure.Storage;
using Microsoft.EntityFrameworkCore;

namespace Framecast.Features.Live.Recordings;

/// <summary>
/// The <c>live.record</c> job, queued when a broadcast that records ends (or is found dead): what the live node wrote
/// (one fragmented MP4 per transcoder run, so a reconnect adds a file) is joined into one file and becomes a video
/// of the channel through the usual processing. Safe to re-run: the written files stay until the video exists.
/// </summary>
public sealed class LiveRecordingJob(FramecastDbContext db, VideoIntake intake, IBlobStore blobs, IFfmpegRunner ffmpeg, FfprobeClient probe,
    IEnumerable<ILiveRecordingStep> steps, ILogger<LiveRecordingJob> logger)
    : IJobHandler
{
    public const string Type = "live.record";
    private const string JoinedName = "joined.mp4";

    /// <summary>A broadcast shorter than this (ended or cut right after its first picture) is not worth a video.</summary>
    private const double MinSeconds = 1.0;

    public async Task RunAsync(JobLease job, CancellationToken cancellationToken)
    {
        var sessionId = JsonSerializer.Deserialize<LiveRecordingPayload>(job.Payload, JsonSerializerOptions.Web)?.SessionId
            ?? throw new InvalidOperationException("Empty live.record payload");
        var session = await db.Set<LiveSession>().FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        if (session is null || session.RecordingVideoId is not null)
        {
            return;
        }
        var directory = await blobs.GetLocalPathAsync(BlobKey.Validate(LiveRecorder.Prefix(sessionId)), cancellationToken);
        var parts = RecordingFiles(directory);
        if (parts.Count == 0)
        {
            logger.LogInformation("Broadcast {SessionId} ended before anything was recorded", sessionId);
            return;
        }
        var joined = Path.Combine(directory, JoinedName);
        await JoinAsync(parts, joined, directory, cancellationToken);
        var length = (await probe.ProbeAsync(joined, cancellationToken)).DurationSeconds;
        if (length < MinSeconds)
        {
            logger.LogInformation("Broadcast {SessionId} lasted {Seconds:0.##} s: too short to keep as a video", sessionId, length);
            await blobs.DeletePrefixAsync(LiveRecorder.Prefix(sessionId), cancellationToken);
            return;
        }

        var username = await db.Users.Where(u => u.Id == session.UserId).Select(u => u.Username).FirstAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var video = await intake.CreateForProcessingAsync(session.UserId, new NewVideo(TitleOf(session, username), session.Description, session.Tags), transaction, cancellationToken);
        await blobs.ImportFileAsync(BlobKey.Validate($"{video.Id}/original"), joined, cancellationToken);
        session.RecordingVideoId = video.Id;
        await db.SaveChangesAsync(cancellationToken);
        var timeline = new LiveTimeline([.. parts.Select(p => LiveRun.Load(Path.ChangeExtension(p, ".json")) ?? new LiveRun(session.StartedAt, 0))]);
        foreach (var step in steps)
        {
            await step.OnRecordedAsync(session, video.Id, timeline, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Broadcast {SessionId} recorded as video {VideoId} from {Files} file(s)", sessionId, video.Id, parts.Count);
        await blobs.DeletePrefixAsync(LiveRecorder.Prefix(sessionId), cancellationToken);
    }

    /// <summary>recording-1.mp4, recording-2.mp4 …, in the order the transcoder runs made them.</summary>
    private static List<string> RecordingFiles(string directory) =>
        !Directory.Exists(directory)
            ? []
            : [.. Directory.GetFiles(directory, "recording-*.mp4")
                .Select(path => (path, n: int.TryParse(Path.GetFileNameWithoutExtension(path)["recording-".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1))
                .Where(f => f.n > 0 && new FileInfo(f.path).Length > 0)
                .OrderBy(f => f.n)
                .Select(f => f.path)];

    /// <summary>One file for processing: a copy of the only run, or the runs joined end to end without re-encoding.</summary>
    private async Task JoinAsync(IReadOnlyList<string> parts, string joined, string directory, CancellationToken cancellationToken)
    {
        File.Delete(joined);
        if (parts.Count == 1)
        {
            File.Copy(parts[0], joined);
            return;
        }
        // The list names only files this job found in the broadcast's own folder (concat is never used on uploads).
        var list = Path.Combine(directory, "join.txt");
        await File.WriteAllLinesAsync(list, parts.Select(p => $"file '{Path.GetFileName(p)}'"), cancellationToken);
        await ffmpeg.RunAsync(FfmpegCommand.Ffmpeg(
            ["-v", "error", "-protocol_whitelist", "file", "-f", "concat", "-safe", "0", "-i", "file:" + list, "-map", "0", "-c", "copy", "-movflags", "+faststart", "-y", "file:" + joined],
            withProgress: false), null, cancellationToken);
    }

    private static string TitleOf(LiveSession session, string username)
    {
        var title = string.IsNullOrWhiteSpace(session.Title)
            ? $"{username} live, {session.StartedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC"
            : session.Title.Trim();
        return title.Length > VideoRules.MaxTitleLength ? title[..VideoRules.MaxTitleLength] : title;
    }
}
