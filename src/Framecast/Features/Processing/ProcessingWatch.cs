using Framecast.Features.Videos;

namespace Framecast.Features.Processing;

/// <summary>
/// While a video is processed: checks once a second that it is still wanted (a deletion cancels the run, stopping
/// ffmpeg within the runner's grace period) and writes the latest progress, at most once a second. Uses its own
/// scopes: the pipeline's database context is busy on another thread.
/// </summary>
public sealed class ProcessingWatch : IAsyncDisposable
{
    private readonly CancellationTokenSource _cts;
    private readonly IServiceScopeFactory _scopes;
    private readonly string _videoId;
    private readonly Task _loop;
    private int _progress = -1;
    private int _written = -1;

    public ProcessingWatch(IServiceScopeFactory scopes, string videoId, TimeProvider clock, CancellationToken jobToken)
    {
        _scopes = scopes;
        _videoId = videoId;
        _cts = CancellationTokenSource.CreateLinkedTokenSource(jobToken);
        _loop = RunAsync(clock);
    }

    /// <summary>Cancelled when the job is cancelled or the video stops being processed (deleted).</summary>
    public CancellationToken Token => _cts.Token;

    public bool VideoGone { get; private set; }

    public void ReportProgress(int percent) => Interlocked.Exchange(ref _progress, Math.Clamp(percent, 0, 99));

    public async ValueTask DisposeAsync()
    {
        await _cts.CancelAsync();
        await _loop;
        _cts.Dispose();
    }

    /// <summary>True when the video is gone and the run has been cancelled.</summary>
    private async Task<bool> CheckAsync()
    {
        await using var scope = _scopes.CreateAsyncScope();
        var state = scope.ServiceProvider.GetRequiredService<VideoPipelineState>();
        if (await state.StatusAsync(_videoId, _cts.Token) != VideoStatus.Processing)
        {
            VideoGone = true;
            await _cts.CancelAsync();
            return true;
        }
        var progress = Volatile.Read(ref _progress);
        if (progress > _written)
        {
            await state.SetProgressAsync(_videoId, progress, _cts.Token);
            _written = progress;
        }
        return false;
    }

    private async Task RunAsync(TimeProvider clock)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(_cts.Token))
            {
                try
                {
                    if (await CheckAsync())
                    {
                        return;
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A missed check or progress write is harmless; the next tick tries again.
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended or was cancelled.
        }
    }
}
