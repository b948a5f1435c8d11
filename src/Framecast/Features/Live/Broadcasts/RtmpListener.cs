using System.Net;
using System.Net.Sockets;
using Framecast.Features.Live.Rtmp;
using Framecast.Hosting;
using Microsoft.Extensions.Options;

namespace Framecast.Features.Live.Broadcasts;

/// <summary>
/// The RTMP port of the <c>live</c> role. Each connection is bounded in time (handshake and publish within
/// <see cref="LiveOptions.PublishTimeout"/>, then idle at most <see cref="LiveOptions.IdleTimeout"/>) and in memory
/// (the chunk reader's limits); past <see cref="LiveOptions.MaxConnections"/> (or <see cref="LiveOptions.MaxConnectionsPerIp"/> from one address) new connections are closed at once. A
/// connection that misbehaves ends alone: nothing it does reaches other broadcasts. When the node drains it stops
/// accepting, ends every broadcast it holds the way its owner ending it would (row ended, recording queued, playlists
/// closed), and drops the publishers, whose encoders reconnect through the load balancer to another node.
/// </summary>
public sealed class RtmpListener(IOptions<LiveOptions> options, LiveBroadcasts broadcasts, LiveSessionStore store, NodeDrain drain, ILogger<RtmpListener> logger)
    : BackgroundService, IHostedLifecycleService
{
    private readonly TaskCompletionSource<IPEndPoint> _bound = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _connections;
    private readonly Dictionary<IPAddress, int> _perAddress = [];

    /// <summary>Where the listener ended up (with the port the system chose for <c>:0</c>).</summary>
    public Task<IPEndPoint> BoundEndPoint => _bound.Task;

    /// <summary>Why the listener is not listening, when it could not bind.</summary>
    public string? Failure { get; private set; }

    public int OpenConnections
    {
        get
        {
            lock (_perAddress)
            {
                return _connections;
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var listener = new TcpListener(options.Value.RtmpEndPoint);
        try
        {
            listener.Start(backlog: 128);
        }
        catch (SocketException e)
        {
            // The rest of the node (pages, API, playback) still serves; /readyz says what is wrong.
            Failure = $"RTMP cannot listen on {options.Value.RtmpListen}: {e.Message}. Set Live:RtmpListen to a free address.";
            _bound.TrySetException(e);
            logger.LogCritical(e, "RTMP cannot listen on {Endpoint}; set Live:RtmpListen", options.Value.RtmpListen);
            return;
        }
        var bound = (IPEndPoint)listener.LocalEndpoint;
        broadcasts.RtmpPort = bound.Port;
        try
        {
            await store.EndOrphansAsync(options.Value.NodeName ?? $"{Environment.MachineName}/{bound}", stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "The broadcasts this node held before it restarted could not be ended; the heartbeat sweep will end them");
        }
        _bound.TrySetResult(bound);
        logger.LogInformation("RTMP ingest listening on rtmp://{Endpoint}/live", listener.LocalEndpoint);
        var connections = new List<Task>();
        using var accepting = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, drain.Draining);
        // Connections end when cut (below) or, past the host's deadline, when the service is stopped.
        using var closing = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        try
        {
            while (!accepting.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(accepting.Token);
                var address = (client.Client.RemoteEndPoint as IPEndPoint)?.Address ?? IPAddress.None;
                if (!TryOpen(address))
                {
                    client.Dispose();
                    continue;
                }
                connections.RemoveAll(t => t.IsCompleted);
                connections.Add(ServeAsync(client, address, closing.Token));
            }
        }
        catch (OperationCanceledException) when (accepting.IsCancellationRequested)
        {
        }
        finally
        {
            listener.Stop();
            var open = broadcasts.Open.Count;
            // Cut first, so each publisher's end reads as the broadcast's end rather than a drop to wait out.
            await broadcasts.CutAllAsync();
            // Then whoever has not published yet; each connection's end saves its broadcast's end.
            await closing.CancelAsync();
            await Task.WhenAll(connections);
            logger.LogInformation("RTMP ingest stopped; {Broadcasts} broadcasts ended", open);
        }
    }

    /// <summary>The drain starts here when the host stops before anything else began it; the stop waits for the broadcasts' ends, within the host's deadline.</summary>
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        drain.Begin();
        if (ExecuteTask is { } listening)
        {
            await listening.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private bool TryOpen(IPAddress address)
    {
        lock (_perAddress)
        {
            var open = _perAddress.GetValueOrDefault(address);
            if (_connections >= options.Value.MaxConnections || open >= options.Value.MaxConnectionsPerIp)
            {
                return false;
            }
            _perAddress[address] = open + 1;
            _connections++;
            return true;
        }
    }

    private void Close(IPAddress address)
    {
        lock (_perAddress)
        {
            _connections--;
            if (_perAddress[address] <= 1)
            {
                _perAddress.Remove(address);
            }
            else
            {
                _perAddress[address]--;
            }
        }
    }

    private async Task ServeAsync(TcpClient client, IPAddress address, CancellationToken closing)
    {
        using var connection = CancellationTokenSource.CreateLinkedTokenSource(closing);
        var publisher = new LivePublisher(broadcasts, connection);
        var remote = client.Client.RemoteEndPoint;
        try
        {
            using (client)
            {
                client.NoDelay = true;
                connection.CancelAfter(options.Value.PublishTimeout);
                var stream = new IdleTimeoutStream(client.GetStream(), options.Value.IdleTimeout);
                await RtmpHandshake.PerformAsync(stream, connection.Token);
                var session = new RtmpSession(stream, publisher);
                session.Published += () => connection.CancelAfter(Timeout.InfiniteTimeSpan);
                try
                {
                    await session.RunAsync(connection.Token);
                }
                finally
                {
                    if (session.Refusal is { } refusal)
                    {
                        logger.LogInformation("RTMP publish from {Remote} refused: {Reason}", remote, refusal);
                    }
                }
            }
        }
        catch (LiveRefusedException e)
        {
            logger.LogInformation("RTMP stream from {Remote} refused: {Reason}", remote, e.Message);
            if (publisher.Broadcast is { } broadcast)
            {
                broadcast.EndWhenPublisherLeaves();
                await store.RecordRefusalAsync(broadcast.UserId, e.Message, CancellationToken.None);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or TimeoutException or RtmpProtocolException or EndOfStreamException)
        {
            logger.LogDebug("RTMP connection from {Remote} closed: {Reason}", remote, e.Message);
        }
        catch (Exception e)
        {
            logger.LogError(e, "RTMP connection from {Remote} failed", remote);
        }
        finally
        {
            await publisher.LeaveAsync();
            Close(address);
        }
    }
}
