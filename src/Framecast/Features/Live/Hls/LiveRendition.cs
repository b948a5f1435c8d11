namespace Framecast.Features.Live.Hls;

/// <summary>
/// One rendition of a broadcast as LL-HLS: the init sections, a sliding window of segments and their parts in memory,
/// and the signal that held requests await. Every change releases every waiter at once; nothing polls.
/// </summary>
public sealed class LiveRendition(string name, LiveHlsTiming timing)
{
    private readonly Lock _gate = new();
    private readonly List<LiveSegment> _segments = [];
    private readonly Dictionary<int, Fmp4Init> _inits = [];
    private TaskCompletionSource _changed = NewSignal();
    private readonly TaskCompletionSource _firstInit = NewSignal();
    private long _nextMsn;
    private long _nextPart;
    private int _initVersion;
    private bool _discontinuityPending;
    private long _discontinuitySequence;
    private long _version;
    private (long Version, string Text)? _rendered;

    public string Name { get; } = name;
    public LiveHlsTiming Timing { get; } = timing;

    /// <summary>Raised (under no lock) for each segment once it is complete, with the init it needs.</summary>
    public event Action<LiveRendition, LiveSegment, Fmp4Init>? SegmentCompleted;

    public Fmp4Init? Init
    {
        get
        {
            lock (_gate)
            {
                return _inits.GetValueOrDefault(_initVersion);
            }
        }
    }

    public bool Ended { get; private set; }

    /// <summary>Completes when the first init section is in (a master playlist needs every rendition's codecs and size).</summary>
    public Task FirstInit => _firstInit.Task;

    /// <summary>LAST-MSN and LAST-PART for another rendition's EXT-X-RENDITION-REPORT; null before the first part.</summary>
    public (long Msn, int Part)? LastPart
    {
        get
        {
            lock (_gate)
            {
                var last = _segments.LastOrDefault();
                return last is null ? null : (last.Msn, last.Parts.Count - 1);
            }
        }
    }

    /// <summary>A new transcoder run began: its init applies from the next segment, which follows a discontinuity.</summary>
    public void StartInit(Fmp4Init init)
    {
        LiveSegment? closed;
        lock (_gate)
        {
            closed = CloseOpenSegment();
            _discontinuityPending = _segments.Count > 0;
            _initVersion++;
            _inits[_initVersion] = init;
            Changed();
        }
        _firstInit.TrySetResult();
        Completed(closed);
    }

    /// <summary>Adds a fragment as the next part, starting a segment when it is due.</summary>
    public void Add(Fmp4Fragment fragment, DateTimeOffset programDateTime)
    {
        LiveSegment? closed = null;
        lock (_gate)
        {
            if (Ended || _initVersion == 0)
            {
                return;
            }
            var open = OpenSegment;
            if (open is not null && open.Parts.Count > 0
                && ((fragment.Independent && open.Duration >= Timing.MinSegmentSeconds - 0.001)
                    || open.Duration + fragment.Duration > Timing.MaxSegmentSeconds))
            {
                closed = CloseOpenSegment();
                open = null;
            }
            if (open is null)
            {
                open = new LiveSegment(_nextMsn++, programDateTime, _initVersion, _discontinuityPending);
                _discontinuityPending = false;
                _segments.Add(open);
                Trim();
            }
            open.Add(new LivePart(_nextPart++, fragment.Duration, fragment.Independent, fragment.Bytes));
            Changed();
        }
        Completed(closed);
    }

    /// <summary>The broadcast is over: the last segment completes and the playlist gets EXT-X-ENDLIST.</summary>
    public void End()
    {
        LiveSegment? closed;
        lock (_gate)
        {
            if (Ended)
            {
                return;
            }
            closed = CloseOpenSegment();
            Ended = true;
            Changed();
        }
        _firstInit.TrySetResult();
        Completed(closed);
    }

    public BlockingVerdict CheckBlocking(long msn, int? part)
    {
        lock (_gate)
        {
            if (Ended)
            {
                return BlockingVerdict.Ready;
            }
            var open = OpenSegment;
            var lastMsn = _segments.Count > 0 ? _segments[^1].Msn : _nextMsn - 1;
            if (msn > lastMsn + 2 || msn < 0 || part < 0)
            {
                return BlockingVerdict.BadRequest;
            }
            var completeBelow = open?.Msn ?? _nextMsn;
            if (msn < completeBelow)
            {
                return BlockingVerdict.Ready;
            }
            if (part is not { } wanted)
            {
                return BlockingVerdict.Wait;
            }
            var partsPerSegment = Math.Max(1, (int)Math.Round(Timing.TargetDurationSeconds / Timing.PartSeconds / 2));
            var have = open is not null && open.Msn == msn ? open.Parts.Count : 0;
            var ahead = wanted - have + 1 + (msn - (open?.Msn ?? _nextMsn)) * partsPerSegment;
            if (ahead > Timing.AdvancePartLimit)
            {
                return BlockingVerdict.BadRequest;
            }
            return open is not null && open.Msn == msn && open.Parts.Count > wanted ? BlockingVerdict.Ready : BlockingVerdict.Wait;
        }
    }

    /// <summary>Completes when the rendition changes next (a part, a segment, an init, the end).</summary>
    public Task NextChange
    {
        get
        {
            lock (_gate)
            {
                return _changed.Task;
            }
        }
    }

    /// <summary>Waits until <paramref name="isSatisfied"/> holds, re-checked on each change; false on timeout.</summary>
    public async Task<bool> WaitUntilAsync(Func<bool> isSatisfied, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            var change = NextChange;
            if (isSatisfied())
            {
                return true;
            }
            try
            {
                await change.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return isSatisfied();
            }
        }
    }

    public LivePart? FindPart(long index)
    {
        lock (_gate)
        {
            foreach (var segment in _segments)
            {
                if (segment.Parts.Count > 0 && segment.Parts[0].Index <= index && index <= segment.Parts[^1].Index)
                {
                    return segment.Parts[(int)(index - segment.Parts[0].Index)];
                }
            }
            return null;
        }
    }

    /// <summary>True when <paramref name="index"/> is the part being made now or one about to be (a preload hint).</summary>
    public bool IsUpcomingPart(long index)
    {
        lock (_gate)
        {
            return !Ended && index >= _nextPart && index <= _nextPart + 1;
        }
    }

    /// <summary>A complete segment in the window, as its parts.</summary>
    public IReadOnlyList<LivePart>? FindSegment(long msn)
    {
        lock (_gate)
        {
            var segment = _segments.FirstOrDefault(s => s.Msn == msn && s.Complete);
            return segment?.Parts.ToArray();
        }
    }

    /// <summary>The newest complete segment with the init it needs.</summary>
    public (byte[] Init, IReadOnlyList<LivePart> Parts)? LatestSegment()
    {
        lock (_gate)
        {
            var segment = _segments.LastOrDefault(s => s.Complete);
            return segment is not null && _inits.TryGetValue(segment.InitVersion, out var init) ? (init.Bytes, segment.Parts.ToArray()) : null;
        }
    }

    public byte[]? FindInit(int version)
    {
        lock (_gate)
        {
            return _inits.GetValueOrDefault(version)?.Bytes;
        }
    }

    /// <summary>The media playlist without rendition reports (the caller adds them), rendered once per change.</summary>
    public string RenderPlaylist()
    {
        lock (_gate)
        {
            if (_rendered is { } cached && cached.Version == _version)
            {
                return cached.Text;
            }
            var text = LlHlsPlaylistWriter.Write(Timing, _segments, _inits, _discontinuitySequence, _nextPart, Ended);
            _rendered = (_version, text);
            return text;
        }
    }

    private LiveSegment? OpenSegment => _segments.Count > 0 && !_segments[^1].Complete ? _segments[^1] : null;

    private LiveSegment? CloseOpenSegment()
    {
        var open = OpenSegment;
        open?.Close();
        return open is { Parts.Count: > 0 } ? open : null;
    }

    private void Trim()
    {
        while (_segments.Count > Timing.WindowSegments + 1)
        {
            if (_segments[0].Discontinuity)
            {
                _discontinuitySequence++;
            }
            _segments.RemoveAt(0);
        }
        var oldestInit = _segments[0].InitVersion;
        foreach (var version in _inits.Keys.Where(v => v < oldestInit).ToList())
        {
            _inits.Remove(version);
        }
    }

    private void Changed()
    {
        _version++;
        var released = _changed;
        _changed = NewSignal();
        released.TrySetResult();
    }

    private void Completed(LiveSegment? segment)
    {
        if (segment is not null && SegmentCompleted is { } handler)
        {
            Fmp4Init? init;
            lock (_gate)
            {
                init = _inits.GetValueOrDefault(segment.InitVersion);
            }
            if (init is not null)
            {
                handler(this, segment, init);
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
