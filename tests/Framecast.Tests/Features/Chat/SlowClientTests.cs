using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Framecast.Tests.Support;
using Xunit.Abstractions;

namespace Framecast.Tests.Features.Chat;

/// <summary>
/// A client that stops reading is dropped once a send to it has waited the configured time (Realtime:SendTimeout), and
/// is never buffered without bound; the other clients of its room keep receiving everything.
/// </summary>
public sealed class SlowClientTests(ITestOutputHelper output)
{
    private const char Wide = '弾';
    /// <summary>
    /// Each event is ~1.45 KB on the wire (the wide characters travel as \uXXXX): ~7 MB in all, more than a client may hold
    /// of the node (Realtime:MaxBufferBytes, 32 KiB) plus everything the kernel may buffer for one socket (tcp_wmem's 4 MiB).
    /// </summary>
    private const int Flood = 5000;

    private const int Senders = 5;
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task A_client_that_never_reads_is_dropped_while_the_others_keep_receiving()
    {
        await using var host = await TestHost.StartAsync("sqlite", roles: "api,web", settings: new Dictionary<string, string?>
        {
            ["Realtime:SendTimeout"] = "00:00:02",
            // The flood comes from one account: the rate limit is not what this test is about.
            ["Chat:RateBurst"] = "1000",
            ["Chat:DanmakuPoolSize"] = "10000",
            ["Chat:RatePerSecond"] = "1000",
        });
        using var connections = new ActiveConnections(host);
        var owner = await host.RegisterAsync("slow");
        var videoId = await host.CreateVideoAsync(owner, seconds: 3600);

        await using var healthy = await host.ConnectAsync(null, "healthy");
        await healthy.JoinVideoAsync(videoId);
        // The flood comes from several accounts at once (each within its rate limit of a burst of 1000).
        var senders = new List<(TestUser User, ChatClient Client)>();
        for (var s = 0; s < Senders; s++)
        {
            var user = await host.RegisterAsync("flood");
            senders.Add((user, await host.ConnectAsync(user, $"sender {s}")));
        }
        var sender = senders[0].Client;
        using var slow = await RawHubClient.ConnectAsync(host.Address, videoId);
        await Eventually.TrueAsync(() => Task.FromResult(connections.Count == 2 + Senders), "every hub connection is open", TimeSpan.FromSeconds(10));

        var slowest = TimeSpan.Zero;
        await Task.WhenAll(senders.Select((s, index) => Task.Run(async () =>
        {
            for (var i = index; i < Flood; i += Senders)
            {
                var text = i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture) + new string(Wide, 196);
                var clock = Stopwatch.StartNew();
                (await s.Client.SendDanmakuAsync(videoId, i * 100, text)).ShouldBeItem();
                lock (senders)
                {
                    slowest = clock.Elapsed > slowest ? clock.Elapsed : slowest;
                }
            }
        })));
        output.WriteLine($"slowest send: {slowest.TotalMilliseconds:0} ms");

        // The healthy client got every one, in order.
        await Eventually.TrueAsync(() => Task.FromResult(healthy.Received("danmaku").Count >= Flood), "the healthy client has the whole flood", TimeSpan.FromSeconds(60));
        var received = healthy.Received("danmaku").Select(d => int.Parse(d.Str("text")[..4], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        received.Order().Should().Equal(Enumerable.Range(0, Flood), "the others keep receiving everything, each once");

        // The node dropped the slow one (its connection count says so, without the test reading a byte)...
        try
        {
            await Eventually.TrueAsync(() => Task.FromResult(connections.Count == 1 + Senders), "the node drops the client that does not read",
                SendTimeout + TimeSpan.FromSeconds(15));
        }
        catch (TimeoutException)
        {
            var (e, c) = await slow.DrainAsync(TimeSpan.FromSeconds(10));
            output.WriteLine($"DIAG: connections {connections.Count} (expected {1 + Senders}); the slow client then read {e} events, closed {c}");
            throw;
        }
        // ...and what reaches it when it finally reads is a part of the flood, then the end: it was not buffered without bound.
        var (events, closed) = await slow.DrainAsync(TimeSpan.FromSeconds(20));
        output.WriteLine($"the slow client got {events} of {Flood} events before its connection ended");
        closed.Should().BeTrue("the server closed the connection");
        events.Should().BeLessThan(Flood, "the node did not keep everything for it");
        slowest.Should().BeLessThan(SendTimeout + TimeSpan.FromSeconds(5), "a sender waits at most about the send timeout for a slow client");

        // The room goes on.
        (await sender.SendDanmakuAsync(videoId, 1, "after the drop")).ShouldBeItem();
        await healthy.WaitForAsync("danmaku", d => d.Str("text") == "after the drop", "a danmaku after the drop");
        healthy.Connection.State.Should().Be(Microsoft.AspNetCore.SignalR.Client.HubConnectionState.Connected);
        foreach (var (_, client) in senders)
        {
            await client.DisposeAsync();
        }
    }

    /// <summary>The host's open SignalR connections (ASP.NET Core's <c>signalr.server.active_connections</c> of its own meter factory).</summary>
    private sealed class ActiveConnections : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _count;

        public ActiveConnections(TestHost host)
        {
            var factory = host.Services.GetRequiredService<IMeterFactory>();
            _listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == "signalr.server.active_connections" && ReferenceEquals(instrument.Meter.Scope, factory))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _count, value));
            _listener.Start();
        }

        public long Count => Interlocked.Read(ref _count);

        public void Dispose() => _listener.Dispose();
    }

    /// <summary>
    /// A hub client by hand: a WebSocket over a socket with a tiny receive buffer, the SignalR JSON handshake and a
    /// JoinVideo, then nothing read until <see cref="DrainAsync"/>.
    /// </summary>
    private sealed class RawHubClient : IDisposable
    {
        private const char Separator = '\u001e';
        private readonly WebSocket _socket;
        private readonly StringBuilder _pending = new();

        private RawHubClient(WebSocket socket) => _socket = socket;

        public static async Task<RawHubClient> ConnectAsync(Uri address, string videoId)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
            await socket.ConnectAsync(IPAddress.Loopback, address.Port);
            var stream = new NetworkStream(socket, ownsSocket: true);
            var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            await stream.WriteAsync(Encoding.ASCII.GetBytes(
                $"GET /hubs/live HTTP/1.1\r\nHost: {address.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"));
            var head = new StringBuilder();
            var one = new byte[1];
            while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
            {
                (await stream.ReadAsync(one)).Should().Be(1, $"the upgrade is answered: {head}");
                head.Append((char)one[0]);
            }
            head.ToString().Should().StartWith("HTTP/1.1 101", "a WebSocket without negotiation is accepted");
            var client = new RawHubClient(WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = TimeSpan.Zero }));
            await client.SendAsync("{\"protocol\":\"json\",\"version\":1}");
            (await client.ReceiveRecordAsync()).Should().Be("{}", "the handshake succeeds");
            await client.SendAsync($"{{\"type\":1,\"invocationId\":\"1\",\"target\":\"JoinVideo\",\"arguments\":[\"{videoId}\"]}}");
            string record;
            do
            {
                record = await client.ReceiveRecordAsync();
            }
            while (!record.Contains("\"type\":3", StringComparison.Ordinal));
            record.Should().Contain("\"result\"", "JoinVideo succeeds");
            return client;
        }

        /// <summary>Reads until the connection ends (or <paramref name="within"/> passes): the danmaku events read, and whether it ended.</summary>
        public async Task<(int Events, bool Closed)> DrainAsync(TimeSpan within)
        {
            using var timeout = new CancellationTokenSource(within);
            var buffer = new byte[64 * 1024];
            var text = new StringBuilder();
            try
            {
                while (true)
                {
                    var result = await _socket.ReceiveAsync(buffer, timeout.Token);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return (Count(text), true);
                    }
                    text.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
                }
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                return (Count(text), false);
            }
            catch (Exception e) when (e is WebSocketException or IOException or SocketException)
            {
                return (Count(text), true);
            }
        }

        public void Dispose() => _socket.Dispose();

        private static int Count(StringBuilder text) =>
            text.ToString().Split(Separator).Count(r => r.Contains("\"target\":\"danmaku\"", StringComparison.Ordinal));

        private Task SendAsync(string record) =>
            _socket.SendAsync(Encoding.UTF8.GetBytes(record + Separator), WebSocketMessageType.Text, true, CancellationToken.None);

        private async Task<string> ReceiveRecordAsync()
        {
            var buffer = new byte[8192];
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            while (true)
            {
                var text = _pending.ToString();
                var end = text.IndexOf(Separator);
                if (end >= 0)
                {
                    _pending.Remove(0, end + 1);
                    return text[..end];
                }
                var result = await _socket.ReceiveAsync(buffer, timeout.Token);
                result.MessageType.Should().NotBe(WebSocketMessageType.Close, "the server keeps the connection open");
                _pending.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
            }
        }
    }
}
