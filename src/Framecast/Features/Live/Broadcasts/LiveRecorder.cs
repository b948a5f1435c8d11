using System.Threading.Channels;
using Framecast.Features.Live.Recordings;
using Framecast.Features.Live.Hls;
using Framecast.Infrastructure.Storage;

namespace Framecast.Features.Live.Broadcasts;

/// <summary>
/// Keeps a broadcast's top rendition in media storage as it goes: under <c>_live/{sessionId}/</c>, one fragmented
/// MP4 per transcoder run (<c>recording-{n}.mp4</c>: its init, then every complete segment, flushed as each one
/// completes), which is what the recording of the broadcast is made from. Writing happens off the packaging path.
/// </summary>
public sealed class LiveRecorder
{
    private readonly Channel<(LiveSegment Segment, Fmp4Init Init)> _queue = Channel.CreateUnbounded<(LiveSegment, Fmp4Init)>(new() { SingleReader = true });
    private readonly IBlobStore _blobs;
    private readonly string _sessionId;
    private readonly ILogger _logger;
    private readonly Task _writer;

    public LiveRecorder(LiveRendition rendition, IBlobStore blobs, string sessionId, ILogger logger)
    {
        _blobs = blobs;
        _sessionId = sessionId;
        _logger = logger;
        rendition.SegmentCompleted += (_, segment, init) => _queue.Writer.TryWrite((segment, init));
        _writer = WriteAsync();
    }

    public static string Prefix(string sessionId) => $"_live/{sessionId}";

    public static string FileKey(string sessionId, int initVersion) => $"{Prefix(sessionId)}/recording-{initVersion}.mp4";

    /// <summary>Where run <paramref name="initVersion"/> sits in time (<see cref="LiveRun"/>), kept next to its file as it grows.</summary>
    public static string RunKey(string sessionId, int initVersion) => $"{Prefix(sessionId)}/recording-{initVersion}.json";

    /// <summary>Writes out what is queued and stops.</summary>
    public async Task CompleteAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }

    private async Task WriteAsync()
    {
        FileStream? file = null;
        var fileVersion = 0;
        LiveRun? run = null;
        try
        {
            await foreach (var (segment, init) in _queue.Reader.ReadAllAsync())
            {
                try
                {
                    if (file is null || fileVersion != segment.InitVersion)
                    {
                        if (file is not null)
                        {
                            await file.DisposeAsync();
                        }
                        var path = await _blobs.GetLocalPathAsync(BlobKey.Validate(FileKey(_sessionId, segment.InitVersion)), CancellationToken.None);
                        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                        file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 64 * 1024, useAsync: true);
                        fileVersion = segment.InitVersion;
                        run = new LiveRun(segment.ProgramDateTime.UtcDateTime, 0);
                        if (file.Length == 0)
                        {
                            await file.WriteAsync(init.Bytes);
                        }
                    }
                    foreach (var part in segment.Parts)
                    {
                        await file.WriteAsync(part.Bytes);
                    }
                    await file.FlushAsync();
                    run = run! with { Seconds = run.Seconds + segment.Duration };
                    await run.SaveAsync(await _blobs.GetLocalPathAsync(BlobKey.Validate(RunKey(_sessionId, fileVersion)), CancellationToken.None));
                }
                catch (IOException e)
                {
                    // A full disk costs the recording, never the broadcast.
                    _logger.LogError(e, "Broadcast {SessionId}: segment {Msn} was not recorded", _sessionId, segment.Msn);
                }
            }
        }
        finally
        {
            if (file is not null)
            {
                await file.DisposeAsync();
            }
        }
    }
}
