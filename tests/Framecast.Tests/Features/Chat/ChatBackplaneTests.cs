using System.Collections.Concurrent;
using System.Net;
using Framecast.Features.Videos;
using Framecast.Tests.Features.Live;
using Framecast.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Framecast.Tests.Features.Chat;

/// <summary>
/// Two nodes on one PostgreSQL database with SignalR's Redis backplane (a real <c>redis-server</c>): what is said on
/// one node reaches viewers connected to the other. Without Redis a PostgreSQL node says at start that real-time is
/// node-local.
/// </summary>
public sealed class ChatBackplaneTests
{
    [Fact]
    public async Task A_message_sent_on_node_A_reaches_a_client_on_node_B_through_redis_and_back()
    {
        await using var redis = await RedisServer.StartAsync();
        var realtime = new Dictionary<string, string?> { ["Realtime:Redis"] = redis.Configuration };
        // Node A holds the broadcast (live role); node B serves only the API and pages, as a second web node would.
        await using var a = await ChatKit.StartLiveHostAsync(realtime, provider: "postgres");
        await using var b = await TestHost.StartAsync("postgres", a.Database, realtime, roles: "api,web", migrate: false);
        var owner = await a.RegisterAsync("xchat");
        var alice = await a.RegisterAsync("xalice");
        var bob = await a.RegisterAsync("xbob");
        FfmpegProcess? publisher = LiveTestKit.Publish(await a.RtmpPortAsync(), await owner.StreamKeyAsync());
        try
        {
            var sessionId = (await a.Client.WaitLiveAsync(owner.Username)).GetProperty("sessionId").GetString()!;
            var (onA, _) = await a.JoinLiveAsync(alice, sessionId, "alice on A");
            await using var _a = onA;
            var (onB, roomB) = await b.JoinLiveAsync(bob, sessionId, "bob on B");
            await using var _b = onB;
            var (anonymousOnB, _) = await b.JoinLiveAsync(null, sessionId, "anonymous on B");
            await using var _n = anonymousOnB;
            roomB.GetProperty("canSend").GetBoolean().Should().BeTrue("node B knows the session from the shared database");

            // A → B, by the hub.
            var fromA = (await onA.SendMessageAsync(sessionId, "hello from node A")).ShouldBeItem();
            (await onB.WaitForMessageAsync("hello from node A")).Id().Should().Be(fromA.Id());
            (await anonymousOnB.WaitForMessageAsync("hello from node A")).Id().Should().Be(fromA.Id());

            // B → A, by the hub and by REST on B.
            var fromB = (await onB.SendMessageAsync(sessionId, "hello from node B")).ShouldBeItem();
            (await onA.WaitForMessageAsync("hello from node B")).Id().Should().Be(fromB.Id());
            var restOnB = await bob.Client.WithBase(b).PostMessageOkAsync(sessionId, "posted on node B");
            (await onA.WaitForMessageAsync("posted on node B")).Id().Should().Be(restOnB.Id());

            // A deletion on node B reaches node A's viewers; a ban by the owner on node A reaches node B's.
            (await owner.Client.WithBase(b).DeleteAsync($"/api/v1/messages/{fromA.Id()}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
            await onA.WaitForAsync("deleted", d => d.Str("id") == fromA.Id(), "the deletion made on node B");
            (await owner.Client.BanAsync(owner.Username, alice.Username, "cross-node", 60)).StatusCode.Should().Be(HttpStatusCode.Created);
            await onB.WaitForAsync("banned", e => e.GetProperty("user").Str("username") == alice.Username, "the ban made on node A");

            // Each event arrives once on each node, not once per node.
            var marker = (await onB.SendMessageAsync(sessionId, "marker")).ShouldBeItem();
            await onA.WaitForMessageAsync("marker");
            await onB.WaitForMessageAsync("marker");
            onA.Received("message").Count(m => m.Id() == fromB.Id()).Should().Be(1);
            onB.Received("message").Count(m => m.Id() == fromA.Id()).Should().Be(1);
            anonymousOnB.Received("message").Select(m => m.Id()).Should().OnlyHaveUniqueItems();
            marker.Id().Should().NotBeNullOrEmpty();

            // The end, announced by the node holding the broadcast, reaches node B's viewers (once).
            await publisher.DisposeAsync();
            publisher = null;
            (await owner.Client.PostAsync("/api/v1/me/live/end", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
            await anonymousOnB.WaitForAsync("ended", e => e.Str("sessionId") == sessionId, "the end, announced on node A");
            var more = (await onA.SendMessageAsync(sessionId, "after the end")).ShouldBeError(409, "chat.closed");
            more.Str("code").Should().Be("chat.closed");
            anonymousOnB.Received("ended").Should().ContainSingle();
        }
        finally
        {
            if (publisher is not null)
            {
                await publisher.DisposeAsync();
            }
            await owner.EndQuietlyAsync();
        }
    }

    [Fact]
    public async Task Danmaku_posted_on_node_B_reach_a_viewer_on_node_A()
    {
        await using var redis = await RedisServer.StartAsync();
        var realtime = new Dictionary<string, string?> { ["Realtime:Redis"] = redis.Configuration };
        await using var a = await TestHost.StartAsync("postgres", settings: realtime, roles: "api,web");
        await using var b = await TestHost.StartAsync("postgres", a.Database, realtime, roles: "api,web", migrate: false);
        var owner = await a.RegisterAsync("xdm");
        var videoId = await a.CreateVideoAsync(owner, seconds: 30);
        await using var onA = await a.ConnectAsync(null, "anonymous on A");
        await onA.JoinVideoAsync(videoId);
        await using var sender = await b.ConnectAsync(owner, "owner on B");
        await sender.JoinVideoAsync(videoId);

        var sent = (await sender.SendDanmakuAsync(videoId, 2500, "across nodes", "top", "#ffaa02", "large")).ShouldBeItem();
        var received = await onA.WaitForAsync("danmaku", d => d.Id() == sent.Id(), "the danmaku sent on node B");
        received.GetProperty("offsetMs").GetInt64().Should().Be(2500);
        received.Str("color").Should().Be("#ffaa02");
        (await owner.Client.DeleteAsync($"/api/v1/danmaku/{sent.Id()}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await sender.WaitForAsync("deleted", d => d.Str("id") == sent.Id(), "the deletion made on node A");
    }

    [Fact]
    public async Task A_postgres_node_without_redis_says_at_start_that_real_time_is_node_local()
    {
        var logs = new CapturingLoggerProvider();
        await using (var host = await TestHost.StartAsync("postgres", roles: "api,web", services: s => s.AddSingleton<ILoggerProvider>(logs)))
        {
            logs.Warnings.Should().Contain(w => w.Contains("Realtime:Redis", StringComparison.Ordinal) && w.Contains("node", StringComparison.OrdinalIgnoreCase),
                "a fleet without the backplane is not a silent surprise");
        }

        await using var redis = await RedisServer.StartAsync();
        var quiet = new CapturingLoggerProvider();
        await using (var host = await TestHost.StartAsync("postgres", roles: "api,web", settings: new Dictionary<string, string?> { ["Realtime:Redis"] = redis.Configuration },
                         services: s => s.AddSingleton<ILoggerProvider>(quiet)))
        {
            quiet.Warnings.Should().NotContain(w => w.Contains("Realtime:Redis", StringComparison.Ordinal));
        }
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _warnings = new();

        public IEnumerable<string> Warnings => _warnings;

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLoggerProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (logLevel >= LogLevel.Warning)
                {
                    owner._warnings.Enqueue(formatter(state, exception));
                }
            }
        }
    }
}

internal static class NodeClients
{
    /// <summary>The same credentials against another node.</summary>
    public static HttpClient WithBase(this HttpClient client, TestHost node)
    {
        var other = node.NewClient();
        other.DefaultRequestHeaders.Authorization = client.DefaultRequestHeaders.Authorization;
        return other;
    }
}
