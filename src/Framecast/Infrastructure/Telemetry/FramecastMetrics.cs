using System.Diagnostics.Metrics;

namespace Framecast.Infrastructure.Telemetry;

/// <summary>
/// Framecast's own instruments, all on the one <c>Framecast</c> meter. One class rather than one per feature: the names
/// are a contract (README's operations table, <c>deploy/observability</c>'s dashboard and alert rules, and the test
/// that holds them to what <c>/metrics</c> serves), so they are written down in one place; and it sits in
/// Infrastructure because the job runner measures too and Infrastructure depends on no feature. Features call one
/// method each. Created through the host's <see cref="IMeterFactory"/>, so two hosts in one process never mix figures.
/// </summary>
/// <remarks>
/// Prometheus names (OpenTelemetry's exporter: dots become underscores, unit and <c>_total</c> suffixes):
/// <list type="table">
/// <item><c>framecast.uploads.completed</c> → <c>framecast_uploads_completed_total{protocol}</c></item>
/// <item><c>framecast.uploads.received</c> → <c>framecast_uploads_received_bytes_total{protocol}</c></item>
/// <item><c>framecast.job.duration</c> → <c>framecast_job_duration_seconds{type,outcome}</c> (histogram)</item>
/// <item><c>framecast.ffmpeg.speed</c> → <c>framecast_ffmpeg_speed{operation}</c> (histogram, media seconds per wall second)</item>
/// <item><c>framecast.media.served</c> → <c>framecast_media_served_bytes_total</c></item>
/// <item><c>framecast.chat.messages</c> → <c>framecast_chat_messages_total</c></item>
/// <item><c>framecast.gifts.sent</c> / <c>framecast.gifts.coins</c> → <c>framecast_gifts_sent_total{target}</c> / <c>framecast_gifts_coins_total{target}</c></item>
/// <item>Gauges (<see cref="IGaugeSource"/>): <c>framecast_jobs{type,state}</c> and <c>framecast_ready</c> (Features/Operations),
/// <c>framecast_live_broadcasts</c> and <c>framecast_live_viewers</c> (Features/Live).</item>
/// </list>
/// </remarks>
public sealed class FramecastMetrics
{
    public const string MeterName = "Framecast";

    private static readonly double[] SecondsBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];
    private static readonly double[] SpeedBuckets = [0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32, 64, 128];

    private readonly Counter<long> _uploadsCompleted;
    private readonly Counter<long> _uploadBytes;
    private readonly Histogram<double> _jobDuration;
    private readonly Histogram<double> _ffmpegSpeed;
    private readonly Counter<long> _mediaBytes;
    private readonly Counter<long> _chatMessages;
    private readonly Counter<long> _giftsSent;
    private readonly Counter<long> _giftCoins;

    public FramecastMetrics(IMeterFactory meters)
    {
        Meter = meters.Create(MeterName);
        _uploadsCompleted = Meter.CreateCounter<long>("framecast.uploads.completed", "{upload}", "Uploads received in full (tus or form), each now a video being processed.");
        _uploadBytes = Meter.CreateCounter<long>("framecast.uploads.received", "By", "Upload bytes written to staging.");
        _jobDuration = Meter.CreateHistogram("framecast.job.duration", "s", "How long a background job's handler ran, by job type and outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
        _ffmpegSpeed = Meter.CreateHistogram("framecast.ffmpeg.speed", null, "Media seconds encoded per wall-clock second of an ffmpeg run.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SpeedBuckets });
        _mediaBytes = Meter.CreateCounter<long>("framecast.media.served", "By", "Bytes of media files sent by the /media routes (not those nginx sends itself).");
        _chatMessages = Meter.CreateCounter<long>("framecast.chat.messages", "{message}", "Live chat messages sent.");
        _giftsSent = Meter.CreateCounter<long>("framecast.gifts.sent", "{gift}", "Gifts sent (a send of 5 roses counts 5).");
        _giftCoins = Meter.CreateCounter<long>("framecast.gifts.coins", "{coin}", "Coins spent on gifts.");
    }

    /// <summary>The meter, for the features' gauges (<see cref="IGaugeSource"/>).</summary>
    public Meter Meter { get; }

    public void UploadCompleted(string protocol) => _uploadsCompleted.Add(1, new KeyValuePair<string, object?>("protocol", protocol));

    public void UploadBytesReceived(string protocol, long bytes) => _uploadBytes.Add(bytes, new KeyValuePair<string, object?>("protocol", protocol));

    public void MediaBytesServed(long bytes) => _mediaBytes.Add(bytes);

    public void ChatMessageSent() => _chatMessages.Add(1);

    public void GiftSent(bool live, int count, long coins)
    {
        var target = new KeyValuePair<string, object?>("target", live ? "live" : "video");
        _giftsSent.Add(count, target);
        _giftCoins.Add(coins, target);
    }

    /// <summary>Records one ffmpeg run's speed; runs too short to time say nothing.</summary>
    public void FfmpegRan(string operation, double mediaSeconds, TimeSpan wall)
    {
        if (mediaSeconds > 0 && wall > TimeSpan.FromMilliseconds(1))
        {
            _ffmpegSpeed.Record(mediaSeconds / wall.TotalSeconds, new KeyValuePair<string, object?>("operation", operation));
        }
    }

    /// <summary>
    /// Runs a job's handler and records how long it ran: <c>succeeded</c>, <c>failed</c> (it threw; the runner retries or
    /// buries it), <c>released</c> (the node is stopping) or <c>cancelled</c> (its lease was lost).
    /// </summary>
    public async Task TimeJobAsync(string type, Func<Task> run, CancellationToken stoppingToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var outcome = "failed";
        try
        {
            await run();
            outcome = "succeeded";
        }
        catch (OperationCanceledException)
        {
            outcome = stoppingToken.IsCancellationRequested ? "released" : "cancelled";
            throw;
        }
        finally
        {
            _jobDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds,
                new KeyValuePair<string, object?>("type", type), new KeyValuePair<string, object?>("outcome", outcome));
        }
    }
}
