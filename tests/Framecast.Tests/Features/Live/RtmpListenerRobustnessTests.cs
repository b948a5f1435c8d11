using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using Framecast.Features.Live.Rtmp;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Live;

/// <summary>
/// What the RTMP port meets besides encoders: garbage, silence, half handshakes, a client that never publishes, one
/// that trickles bytes. Each is closed by the publish deadline (or at once) without touching the broadcast running next
/// to it; the node's broadcast cap refuses one channel too many.
/// </summary>
public sealed class RtmpListenerRobustnessTests
{
    private static readonly TimeSpan ExitWithin = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Garbage_silence_and_half_handshakes_are_closed_without_disturbing_a_running_broadcast()
    {
        // The idle timeout is far longer than the test: whatever closes these connections is the publish deadline.
        await using var host = await LiveTestKit.StartHostAsync(new Dictionary<string, string?>
        {
            ["Live:PublishTimeout"] = "00:00:03",
            ["Live:IdleTimeout"] = "00:02:00",
        });
        var port = await host.RtmpPortAsync();
        var listener = host.RtmpListener();
        var owner = await host.RegisterAsync("steady");
        await using var publisher = LiveTestKit.Publish(port, await owner.StreamKeyAsync());
        var url = (await host.MediaPlaylistUrlsAsync(owner.Username))["source"];
        var before = await host.Client.GetPlaylistAsync(url);
        await Eventually.TrueAsync(() => Task.FromResult(listener.OpenConnections == 1), "only the encoder is connected");

        var garbage = new byte[4096];
        RandomNumberGenerator.Fill(garbage);
        garbage[0] = 0x47; // not RTMP version 3 (an MPEG-TS sync byte, say)
        var handshakeThenGarbage = new byte[1 + 2 * RtmpHandshake.Size + 4096];
        RandomNumberGenerator.Fill(handshakeThenGarbage);
        handshakeThenGarbage[0] = 3;
        var halfHandshake = new byte[1 + 700];
        halfHandshake[0] = 3;

        var stopwatch = Stopwatch.StartNew();
        var clients = new (string What, Task<TimeSpan> Closed)[]
        {
            ("garbage", SendAndAwaitCloseAsync(port, garbage)),
            ("a handshake, then garbage chunks", SendAndAwaitCloseAsync(port, handshakeThenGarbage)),
            ("silence", SendAndAwaitCloseAsync(port, [])),
            ("half a handshake", SendAndAwaitCloseAsync(port, halfHandshake)),
            ("connect, never publish", ConnectWithoutPublishingAsync(port)),
            ("a byte at a time", TrickleAsync(port)),
        };
        await Eventually.TrueAsync(() => Task.FromResult(listener.OpenConnections >= 4 || stopwatch.Elapsed > TimeSpan.FromSeconds(2)),
            "the slow clients are counted while they hold their connections");
        listener.OpenConnections.Should().BeGreaterOrEqualTo(4, "the silent, half-handshake, never-publishing and trickling clients are open");

        foreach (var (what, closed) in clients)
        {
            var after = await closed.WaitAsync(TimeSpan.FromSeconds(30));
            after.Should().BeLessThan(TimeSpan.FromSeconds(20), $"the server closes '{what}' by the publish deadline (3 s), not the idle timeout (2 min)");
        }
        await Eventually.TrueAsync(() => Task.FromResult(listener.OpenConnections == 1), "the count of open connections drops back to the encoder");

        publisher.HasExited.Should().BeFalse("the encoder was never disturbed");
        var now = await host.Client.GetPlaylistAsync(url);
        var later = await host.Client.GetNextPlaylistAsync(url, now);
        later.Parts.Select(p => LivePlaylist.PartNumber(p.Uri)).Max().Should().BeGreaterThan(before.Parts.Select(p => LivePlaylist.PartNumber(p.Uri)).Max(), "the playlist kept advancing");
        later.Segments.Should().NotContain(s => s.Discontinuity);
        var broadcast = (await owner.BroadcastAsync())!.Value;
        broadcast.GetProperty("status").GetString().Should().Be("live");
        broadcast.GetProperty("health").GetProperty("disconnects").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task A_channel_over_the_nodes_broadcast_limit_is_refused_and_gets_in_once_a_broadcast_ends()
    {
        await using var host = await LiveTestKit.StartHostAsync(new Dictionary<string, string?> { ["Live:MaxBroadcasts"] = "1" });
        var port = await host.RtmpPortAsync();
        var first = await host.RegisterAsync("first");
        var second = await host.RegisterAsync("second");
        await using var live = LiveTestKit.Publish(port, await first.StreamKeyAsync());
        await host.WaitForMasterAsync(first.Username);

        await using (var refused = LiveTestKit.Publish(port, await second.StreamKeyAsync(), seconds: 10))
        {
            (await refused.ExitAsync(ExitWithin)).Should().NotBe(0);
            refused.Stderr.Should().Contain("limit of 1 live broadcasts", "the broadcaster reads why");
        }
        live.HasExited.Should().BeFalse();
        (await second.BroadcastAsync()).Should().BeNull();

        (await first.Client.PostAsync("/api/v1/me/live/end", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await live.ExitAsync(ExitWithin);
        await using var now = LiveTestKit.Publish(port, await second.StreamKeyAsync());
        await host.WaitForMasterAsync(second.Username);
        now.HasExited.Should().BeFalse();
    }

    [Fact]
    public async Task A_refusal_for_capacity_is_shown_in_the_studio()
    {
        await using var host = await LiveTestKit.StartHostAsync(new Dictionary<string, string?> { ["Live:MaxBroadcasts"] = "1" });
        var port = await host.RtmpPortAsync();
        var first = await host.RegisterAsync("first");
        var second = await host.RegisterAsync("second");
        await using var live = LiveTestKit.Publish(port, await first.StreamKeyAsync());
        await host.WaitForMasterAsync(first.Username);

        await using (var refused = LiveTestKit.Publish(port, await second.StreamKeyAsync(), seconds: 10))
        {
            (await refused.ExitAsync(ExitWithin)).Should().NotBe(0);
        }

        var settings = await second.LiveSettingsAsync();
        settings.GetProperty("lastError").ValueKind.Should().Be(JsonValueKind.String, settings.ToString());
        settings.GetProperty("lastError").GetString().Should().Contain("limit");
    }

    /// <summary>Sends <paramref name="bytes"/>, then reads until the server closes; how long that took from the connect.</summary>
    private static async Task<TimeSpan> SendAndAwaitCloseAsync(int port, byte[] bytes)
    {
        using var client = new TcpClient();
        var started = Stopwatch.StartNew();
        await client.ConnectAsync(IPAddress.Loopback, port);
        var stream = client.GetStream();
        try
        {
            if (bytes.Length > 0)
            {
                await stream.WriteAsync(bytes);
            }
        }
        catch (IOException)
        {
            return started.Elapsed; // closed while we were still writing
        }
        await DrainUntilClosedAsync(stream);
        return started.Elapsed;
    }

    /// <summary>A client that shakes hands and sends <c>connect</c> like an encoder, then never publishes.</summary>
    private static async Task<TimeSpan> ConnectWithoutPublishingAsync(int port)
    {
        using var client = new TcpClient();
        var started = Stopwatch.StartNew();
        await client.ConnectAsync(IPAddress.Loopback, port);
        var stream = client.GetStream();
        var c0c1 = new byte[1 + RtmpHandshake.Size];
        c0c1[0] = 3;
        await stream.WriteAsync(c0c1);
        var s0s1s2 = new byte[1 + 2 * RtmpHandshake.Size];
        await stream.ReadExactlyAsync(s0s1s2);
        s0s1s2[0].Should().Be(3);
        s0s1s2.AsSpan(1 + RtmpHandshake.Size).ToArray().Should().Equal(c0c1.AsSpan(1).ToArray(), "S2 echoes C1");
        await stream.WriteAsync(s0s1s2.AsMemory(1, RtmpHandshake.Size)); // C2 echoes S1
        await new ChunkStreamWriter(stream).WriteCommandAsync(0,
            ["connect", 1.0, new Dictionary<string, object?> { ["app"] = "live", ["type"] = "nonprivate", ["tcUrl"] = $"rtmp://127.0.0.1:{port}/live" }], CancellationToken.None);
        await DrainUntilClosedAsync(stream);
        return started.Elapsed;
    }

    /// <summary>A client that keeps sending one handshake byte every 200 ms: never idle, never done.</summary>
    private static async Task<TimeSpan> TrickleAsync(int port)
    {
        using var client = new TcpClient();
        var started = Stopwatch.StartNew();
        await client.ConnectAsync(IPAddress.Loopback, port);
        var stream = client.GetStream();
        var reading = DrainUntilClosedAsync(stream);
        try
        {
            var first = true;
            while (!reading.IsCompleted && started.Elapsed < TimeSpan.FromSeconds(25))
            {
                await stream.WriteAsync(new[] { first ? (byte)3 : (byte)0x2A });
                first = false;
                await Task.WhenAny(reading, Task.Delay(200));
            }
        }
        catch (IOException)
        {
            // The server hung up between two bytes.
        }
        await reading.WaitAsync(TimeSpan.FromSeconds(30));
        return started.Elapsed;
    }

    private static async Task DrainUntilClosedAsync(NetworkStream stream)
    {
        var buffer = new byte[8192];
        try
        {
            while (await stream.ReadAsync(buffer) > 0)
            {
            }
        }
        catch (IOException)
        {
            // A reset is a close too.
        }
    }
}
