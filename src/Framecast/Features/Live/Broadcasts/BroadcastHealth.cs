namespace Framecast.Features.Live.Broadcasts;

/// <summary>
/// How a broadcast's ingest is doing, from the RTMP messages as they arrive: bitrate and frame rate over the last
/// few seconds, the keyframe interval (LL-HLS segments are whole GOPs: over 2 s is a warning), the picture size.
/// </summary>
public sealed class BroadcastHealth
{
    public const double KeyframeWarningSeconds = 2.0;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(5);
    private readonly Lock _gate = new();
    private readonly Queue<(DateTimeOffset At, int Bytes, bool Video)> _recent = new();
    private uint? _lastKeyframe;

    public int Width { get; set; }
    public int Height { get; set; }
    public double? KeyframeIntervalSeconds { get; private set; }
    public int Disconnects { get; set; }

    public void OnMessage(DateTimeOffset at, int bytes, bool video, bool keyframe, uint timestamp)
    {
        lock (_gate)
        {
            _recent.Enqueue((at, bytes, video));
            while (_recent.Count > 0 && at - _recent.Peek().At > Window)
            {
                _recent.Dequeue();
            }
            if (keyframe)
            {
                if (_lastKeyframe is { } last && timestamp > last)
                {
                    KeyframeIntervalSeconds = Math.Round((timestamp - last) / 1000.0, 2);
                }
                _lastKeyframe = timestamp;
            }
        }
    }

    /// <summary>A new publisher: its timestamps start again.</summary>
    public void Restart()
    {
        lock (_gate)
        {
            _lastKeyframe = null;
            _recent.Clear();
        }
    }

    public BroadcastHealthResponse Snapshot()
    {
        lock (_gate)
        {
            var bytes = _recent.Sum(m => (long)m.Bytes);
            var frames = _recent.Count(m => m.Video);
            var span = _recent.Count > 1 ? (_recent.Last().At - _recent.Peek().At).TotalSeconds : 0;
            var warnings = new List<string>();
            if (KeyframeIntervalSeconds > KeyframeWarningSeconds)
            {
                warnings.Add($"Keyframes arrive every {KeyframeIntervalSeconds:0.#} s: set the keyframe interval to 1 or 2 s (OBS: Settings → Output → Keyframe Interval) for low latency.");
            }
            return new BroadcastHealthResponse(
                span > 0.5 ? (int)Math.Round(bytes * 8 / span / 1000) : null,
                span > 0.5 ? Math.Round(frames / span, 1) : null,
                Width > 0 ? Width : null,
                Height > 0 ? Height : null,
                KeyframeIntervalSeconds,
                Disconnects,
                warnings);
        }
    }
}

public sealed record BroadcastHealthResponse(int? BitrateKbps, double? FrameRate, int? Width, int? Height, double? KeyframeIntervalSeconds, int Disconnects, IReadOnlyList<string> Warnings);
