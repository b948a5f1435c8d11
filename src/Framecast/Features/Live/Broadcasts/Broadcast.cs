using Framecast.Features.Live.Hls;
using Framecast.Features.Live.Rtmp;
using Framecast.Infrastructure.Storage;

namespace Framecast.Features.Live.Broadcasts;

/// <summary>
/// One channel's broadcast on this node: its renditions (planned from the first publisher's stream and kept across
/// reconnects), the publisher feeding it now, and its state. A publisher that drops leaves it reconnecting; one that
/// comes back within the window gets a new transcoder whose output continues the same playlists after a discontinuity.
/// </summary>
public sealed class Broadcast
{
    /// <summary>Media buffered before the first keyframe (the stream's headers and what precedes it) is capped at this.</summary>
    private const int MaxPendingBytes = 8 * 1024 * 1024;

    /// <summary>A publisher that sends this much media time without a picture is refused (audio only).</summary>
    private const uint MaxMillisecondsWithoutVideo = 5000;

    private readonly LiveOptions _options;
    private readonly IBlobStore _blobs;
    private LiveRecorder? _recorder;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _feedGate = new(1, 1);
    private readonly List<RtmpMessage> _pending = [];
    private List<LiveRendition> _renditions = [];
    private IReadOnlyList<LiveRung> _rungs = [];
    private CancellationTokenSource? _publisher;
    private PublishedStream _stream = new();
    private LiveTranscoder? _transcoder;
    private FlvWriter? _flv;
    private int _pendingBytes;
    private (DateTimeOffset Wall, double Media)? _anchor;
    private int _generation;
    private bool _endWhenPublisherLeaves;
    private readonly TaskCompletionSource _planned = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Broadcast(string sessionId, string userId, string username, LiveOptions options, IBlobStore blobs, TimeProvider clock, ILogger logger)
    {
        _blobs = blobs;
        SessionId = sessionId;
        UserId = userId;
        Username = username;
        _options = options;
        _clock = clock;
        _logger = logger;
        StartedAt = clock.GetUtcNow();
    }

    public string SessionId { get; }
    public string UserId { get; }
    public string Username { get; }
    public DateTimeOffset StartedAt { get; }
    public LiveSessionStatus Status { get; private set; } = LiveSessionStatus.Live;

    /// <summary>What to tell people: <c>ended</c> from the moment it was cut, while its publisher and transcoder still wind down.</summary>
    public LiveSessionStatus ReportedStatus => _endWhenPublisherLeaves ? LiveSessionStatus.Ended : Status;
    public BroadcastHealth Health { get; } = new();

    /// <summary>Empty until the first publisher's stream is planned.</summary>
    public IReadOnlyList<LiveRendition> Renditions => _renditions;

    public IReadOnlyList<LiveRung> Rungs => _rungs;

    /// <summary>Completes once the renditions exist (at the first publisher's first keyframe) or the broadcast ended without any.</summary>
    public Task Planned => _planned.Task;

    /// <summary>Raised when the status changes (reconnecting, live again, ended), for the session row.</summary>
    public event Func<Broadcast, Task>? StatusChanged;

    public bool HasPublisher => _publisher is not null;

    private int _endAnnounced;

    /// <summary>True the first time only: the end is announced (and the broadcast forgotten) once.</summary>
    public bool TryClaimEndAnnouncement() => Interlocked.Exchange(ref _endAnnounced, 1) == 0;

    /// <summary>Takes <paramref name="publisher"/> (cancelled to cut it) as the one feeding the broadcast; false when one already is.</summary>
    public bool TryAttach(CancellationTokenSource publisher)
    {
        lock (_gate)
        {
            if (_publisher is not null || Status == LiveSessionStatus.Ended)
            {
                return false;
            }
            _publisher = publisher;
            _generation++;
            _stream = new PublishedStream();
            _anchor = null;
            _pending.Clear();
            _pendingBytes = 0;
            Health.Restart();
        }
        return true;
    }

    /// <summary>A message of the attached publisher; throws <see cref="LiveRefusedException"/> when the stream cannot be broadcast.</summary>
    public async Task OnMediaAsync(RtmpMessage message, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var keyframe = false;
        switch (message.TypeId)
        {
            case 18:
                _stream.OnMetadata(message.Payload);
                break;
            case 9:
                keyframe = _stream.OnVideo(message.Payload);
                break;
            case 8:
                _stream.OnAudio(message.Payload);
                break;
        }
        if (message.TypeId is 8 or 9)
        {
            _anchor ??= (now, message.Timestamp / 1000.0);
            Health.OnMessage(now, message.Payload.Length, message.TypeId == 9, keyframe, message.Timestamp);
        }
        if (_flv is not null)
        {
            await _flv.WriteAsync(message, cancellationToken);
            return;
        }
        _pending.Add(message);
        _pendingBytes += message.Payload.Length;
        if (keyframe)
        {
            await StartTranscoderAsync(cancellationToken);
            return;
        }
        var firstTimestamp = _pending.FirstOrDefault(m => m.TypeId is 8 or 9)?.Timestamp ?? message.Timestamp;
        if (_pendingBytes > MaxPendingBytes || (!_stream.HasVideo && message.Timestamp - firstTimestamp > MaxMillisecondsWithoutVideo))
        {
            throw new LiveRefusedException("No video arrived: Framecast broadcasts need an H.264 video track (and AAC audio).");
        }
    }

    /// <summary>The publisher's connection closed. Unless the broadcast was cut, it waits for a reconnect within the window.</summary>
    public async Task DetachAsync(CancellationTokenSource publisher)
    {
        bool end;
        int generation;
        lock (_gate)
        {
            if (!ReferenceEquals(_publisher, publisher))
            {
                return;
            }
            _publisher = null;
            // Nothing was ever broadcast (refused, or gone before its first keyframe): nothing to wait for either.
            end = _endWhenPublisherLeaves || _options.ReconnectWindow == TimeSpan.Zero || _renditions.Count == 0;
            generation = _generation;
            Health.Disconnects += end ? 0 : 1;
        }
        await StopTranscoderAsync();
        lock (_gate)
        {
            // While the transcoder flushed, the owner may have ended the broadcast, or the encoder may be back already.
            end |= _endWhenPublisherLeaves;
            if (!end && (Status == LiveSessionStatus.Ended || _publisher is not null || _generation != generation))
            {
                return;
            }
            if (!end)
            {
                Status = LiveSessionStatus.Reconnecting;
            }
        }
        if (end)
        {
            await EndAsync();
            return;
        }
        await RaiseStatusAsync();
        _ = EndAfterWindowAsync(generation);
    }

    /// <summary>The stream was refused (its codecs): the broadcast ends with it, as a reconnect would be refused too.</summary>
    public void EndWhenPublisherLeaves()
    {
        lock (_gate)
        {
            _endWhenPublisherLeaves = true;
        }
    }

    /// <summary>Ends the broadcast now (the owner ended it, or its key was rotated): the publisher is cut, no reconnect.</summary>
    public async Task CutAsync()
    {
        CancellationTokenSource? publisher;
        lock (_gate)
        {
            _endWhenPublisherLeaves = true;
            publisher = _publisher;
        }
        if (publisher is null)
        {
            await EndAsync();
            return;
        }
        await publisher.CancelAsync();
    }

    public async Task EndAsync()
    {
        lock (_gate)
        {
            if (Status == LiveSessionStatus.Ended)
            {
                return;
            }
            Status = LiveSessionStatus.Ended;
        }
        await StopTranscoderAsync();
        foreach (var rendition in _renditions)
        {
            rendition.End();
        }
        _planned.TrySetResult();
        if (_recorder is not null)
        {
            await _recorder.CompleteAsync();
        }
        await RaiseStatusAsync();
    }

    /// <summary>The broadcast's start on the wall clock of a media time of the current publisher.</summary>
    public DateTimeOffset ProgramDateTime(double mediaSeconds) =>
        _anchor is { } anchor ? anchor.Wall + TimeSpan.FromSeconds(mediaSeconds - anchor.Media) : _clock.GetUtcNow();

    private async Task StartTranscoderAsync(CancellationToken cancellationToken)
    {
        if (_renditions.Count == 0)
        {
            Health.Width = _stream.Width;
            Health.Height = _stream.Height;
            // 0 when the encoder does not say: the master playlist then uses the measured ingest rate.
            _rungs = LiveLadderPlan.For(_stream.Width, _stream.Height, _stream.VideoKbps, _options.ResolveLadder());
            _renditions = [.. _rungs.Select(r => new LiveRendition(r.Name, _options.Timing(_stream.FrameRate)))];
            _recorder = new LiveRecorder(_renditions[0], _blobs, SessionId, _logger);
            _planned.TrySetResult();
        }
        else if (Status == LiveSessionStatus.Reconnecting)
        {
            Status = LiveSessionStatus.Live;
            await RaiseStatusAsync();
        }
        await _feedGate.WaitAsync(cancellationToken);
        try
        {
            _transcoder = LiveTranscoder.Start([.. _rungs.Zip(_renditions)], _options.Preset, ProgramDateTime, _logger);
            _flv = new FlvWriter(_transcoder.Input);
            foreach (var message in _pending)
            {
                await _flv.WriteAsync(message, cancellationToken);
            }
            _pending.Clear();
            _pendingBytes = 0;
        }
        finally
        {
            _feedGate.Release();
        }
        _logger.LogInformation("Broadcast {SessionId} of {Username}: transcoding {Renditions}", SessionId, Username, string.Join(", ", _rungs.Select(r => $"{r.Name} {r.Width}x{r.Height}")));
        _ = WatchTranscoderAsync(_transcoder);
    }

    /// <summary>A transcoder that ends while its publisher still sends has failed: the publisher is dropped, so it reconnects to a fresh one.</summary>
    private async Task WatchTranscoderAsync(LiveTranscoder transcoder)
    {
        await transcoder.Completion.ContinueWith(_ => { }, TaskScheduler.Default);
        CancellationTokenSource? publisher;
        lock (_gate)
        {
            publisher = ReferenceEquals(_transcoder, transcoder) ? _publisher : null;
        }
        if (publisher is not null)
        {
            _logger.LogError("Broadcast {SessionId}: the transcoder stopped while the publisher was sending; dropping the publisher so it reconnects. ffmpeg said: {Stderr}",
                SessionId, transcoder.StderrTail);
            await publisher.CancelAsync();
        }
    }

    private async Task StopTranscoderAsync()
    {
        await _feedGate.WaitAsync();
        try
        {
            if (_transcoder is { } transcoder)
            {
                _transcoder = null;
                _flv = null;
                await transcoder.FinishAsync(TimeSpan.FromSeconds(5));
                await transcoder.DisposeAsync();
            }
        }
        finally
        {
            _feedGate.Release();
        }
    }

    private async Task EndAfterWindowAsync(int generation)
    {
        await Task.Delay(_options.ReconnectWindow, _clock);
        bool expired;
        lock (_gate)
        {
            expired = _generation == generation && _publisher is null && Status == LiveSessionStatus.Reconnecting;
        }
        if (expired)
        {
            await EndAsync();
        }
    }

    private async Task RaiseStatusAsync()
    {
        if (StatusChanged is { } handler)
        {
            try
            {
                await handler(this);
            }
            catch (Exception e)
            {
                _logger.LogError(e, "Broadcast {SessionId}: the status change ({Status}) was not saved", SessionId, Status);
            }
        }
    }
}
