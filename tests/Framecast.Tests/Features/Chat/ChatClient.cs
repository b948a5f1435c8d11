using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Framecast.Tests.Features.Chat;

/// <summary>
/// A .NET SignalR client of <c>/hubs/live</c> on WebSockets (a bearer token through AccessTokenProvider, or none for an
/// anonymous viewer) that keeps every event it receives, in order, so a test can wait for one (never a fixed sleep).
/// </summary>
public sealed class ChatClient : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    /// <summary>Every event the contract names; the client records each of them.</summary>
    public static readonly string[] EventNames = ["message", "danmaku", "deleted", "banned", "viewers", "ended", "gift"];

    private readonly List<(string Name, JsonElement Payload)> _events = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChatClient(HubConnection connection, string label)
    {
        Connection = connection;
        Label = label;
        foreach (var name in EventNames)
        {
            connection.On<JsonElement>(name, payload => Record(name, payload));
        }
        connection.Closed += _ =>
        {
            lock (_events)
            {
                ClosedByServer = true;
                Pulse();
            }
            return Task.CompletedTask;
        };
    }

    public HubConnection Connection { get; }

    public string Label { get; }

    public bool ClosedByServer { get; private set; }

    /// <summary>A started connection to <paramref name="baseAddress"/>'s hub, signed in when <paramref name="token"/> is given.</summary>
    public static async Task<ChatClient> ConnectAsync(Uri baseAddress, string? token, string label)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, "/hubs/live"), HttpTransportType.WebSockets, options =>
            {
                if (token is not null)
                {
                    options.AccessTokenProvider = () => Task.FromResult<string?>(token);
                }
            })
            .Build();
        connection.ServerTimeout = TimeSpan.FromSeconds(60);
        var client = new ChatClient(connection, label);
        using var timeout = new CancellationTokenSource(Patience);
        await connection.StartAsync(timeout.Token);
        return client;
    }

    /// <summary>JoinLive(sessionId) → RoomState.</summary>
    public Task<JsonElement> JoinLiveAsync(string sessionId) => InvokeAsync("JoinLive", sessionId);

    public Task LeaveLiveAsync(string sessionId) => Connection.InvokeAsync("LeaveLive", sessionId);

    /// <summary>JoinVideo(videoId) → RoomState.</summary>
    public Task<JsonElement> JoinVideoAsync(string videoId) => InvokeAsync("JoinVideo", videoId);

    /// <summary>SendMessage(sessionId, { text, mode?, color? }) → SendResult.</summary>
    public Task<JsonElement> SendMessageAsync(string sessionId, string text, string? mode = null, string? color = null) =>
        InvokeAsync("SendMessage", sessionId, new { text, mode, color });

    /// <summary>SendDanmaku(videoId, { offsetMs, text, mode?, color?, size? }) → SendResult.</summary>
    public Task<JsonElement> SendDanmakuAsync(string videoId, long offsetMs, string text, string? mode = null, string? color = null, string? size = null) =>
        InvokeAsync("SendDanmaku", videoId, new { offsetMs, text, mode, color, size });

    public async Task<JsonElement> InvokeAsync(string method, params object?[] args)
    {
        using var timeout = new CancellationTokenSource(Patience);
        return await Connection.InvokeCoreAsync<JsonElement>(method, args, timeout.Token);
    }

    /// <summary>The events received so far with this name, in arrival order.</summary>
    public List<JsonElement> Received(string name)
    {
        lock (_events)
        {
            return [.. _events.Where(e => e.Name == name).Select(e => e.Payload)];
        }
    }

    /// <summary>Waits for an event with this name that satisfies <paramref name="match"/> (one already received counts).</summary>
    public async Task<JsonElement> WaitForAsync(string name, Func<JsonElement, bool> match, string because, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? Patience);
        while (true)
        {
            Task changed;
            lock (_events)
            {
                foreach (var (n, payload) in _events)
                {
                    if (n == name && match(payload))
                    {
                        return payload;
                    }
                }
                changed = _changed.Task;
            }
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"{Label} did not receive '{name}' ({because}) within {(within ?? Patience).TotalSeconds:0} s; it received: {Describe()}");
            }
            await Task.WhenAny(changed, Task.Delay(left));
        }
    }

    /// <summary>Waits for the <c>message</c> event carrying this text.</summary>
    public Task<JsonElement> WaitForMessageAsync(string text, TimeSpan? within = null) =>
        WaitForAsync("message", m => m.GetProperty("text").GetString() == text, $"the message '{text}'", within);

    /// <summary>Waits until the server closes this connection.</summary>
    public async Task WaitClosedAsync(string because, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            Task changed;
            lock (_events)
            {
                if (ClosedByServer || Connection.State == HubConnectionState.Disconnected)
                {
                    return;
                }
                changed = _changed.Task;
            }
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"{Label} was not closed ({because}) within {within.TotalSeconds:0} s");
            }
            await Task.WhenAny(changed, Task.Delay(left));
        }
    }

    public string Describe()
    {
        lock (_events)
        {
            return _events.Count == 0 ? "(nothing)" : string.Join("; ", _events.Select(e => $"{e.Name} {e.Payload.GetRawText()}"));
        }
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();

    private void Record(string name, JsonElement payload)
    {
        lock (_events)
        {
            _events.Add((name, payload.Clone()));
            Pulse();
        }
    }

    private void Pulse()
    {
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }
}
