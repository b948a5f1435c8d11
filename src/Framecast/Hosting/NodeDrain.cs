using Microsoft.Extensions.Options;

namespace Framecast.Hosting;

/// <summary>
/// The moment this node starts to stop (SIGTERM, Ctrl-C, or a host stopped in code): from then on it is not ready,
/// takes no new work and winds down what it holds, all at once, while the HTTP server still answers. Anything that
/// drains watches <see cref="Draining"/>; a component whose own stop comes first calls <see cref="Begin"/> itself.
/// </summary>
public sealed class NodeDrain : IDisposable
{
    private readonly CancellationTokenSource _draining = new();
    private readonly CancellationTokenRegistration _stopping;
    private readonly ILogger<NodeDrain> _logger;
    private readonly TimeProvider _clock;
    private int _begun;

    public NodeDrain(IHostApplicationLifetime lifetime, IOptions<HostingOptions> options, TimeProvider clock, ILogger<NodeDrain> logger)
    {
        _logger = logger;
        _clock = clock;
        Timeout = options.Value.Drain;
        // Registered last: a node already stopping when this is first asked for begins at once.
        _stopping = lifetime.ApplicationStopping.Register(Begin);
    }

    /// <summary>How long running jobs may go on once draining began; see <see cref="HostingOptions.DrainTimeout"/>.</summary>
    public TimeSpan Timeout { get; }

    public bool IsDraining => _draining.IsCancellationRequested;

    /// <summary>Cancelled when the node begins to drain.</summary>
    public CancellationToken Draining => _draining.Token;

    public DateTimeOffset? BeganAt { get; private set; }

    public void Begin()
    {
        if (Interlocked.Exchange(ref _begun, 1) == 1)
        {
            return;
        }
        BeganAt = _clock.GetUtcNow();
        _logger.LogInformation("Draining: not ready, taking no new work; running jobs get {DrainTimeout}", Timeout);
        _draining.Cancel();
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _draining.Dispose();
    }
}
