using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace RealtimeLoad;

/// <summary>
/// The reference: Kestrel and plain WebSockets speaking just enough of SignalR's JSON hub protocol for the load
/// generator. A message is serialized once and queued to every member's bounded queue (a member whose queue is full
/// is dropped, as a hub drops a client that cannot keep up); each member's writer sends what has queued up as one
/// WebSocket message, as SignalR's transport sends what has gathered in its pipe. No auth, no storage, no rate limit.
/// </summary>
public static class BareServer
{
    public static async Task<int> RunAsync(Options o)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(o.Get("urls"));
        builder.Logging.ClearProviders();
        var queue = o.Int("queue", 1024);
        var app = builder.Build();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.Zero });
        var rooms = new ConcurrentDictionary<string, ConcurrentDictionary<BareConn, byte>>();
        long nextId = 0;
        app.MapGet("/healthz", () => "ok");
        app.Map("/hubs/live", async (HttpContext ctx) =>
        {
            if (!ctx.WebSockets.IsWebSocketRequest) { ctx.Response.StatusCode = 400; return; }
            using var ws = await ctx.WebSockets.AcceptWebSocketAsync();
            var c = new BareConn(ws, queue);
            var writer = c.WriteLoop();
            try
            {
                await c.ReadLoop((rec, conn) =>
                {
                    using var doc = JsonDocument.Parse(rec);
                    var root = doc.RootElement;
                    if (!root.TryGetProperty("type", out var t)) { conn.Enqueue(Encoding.UTF8.GetBytes("{}\u001e")); return; } // handshake
                    if (t.GetInt32() != 1) return;
                    var id = root.TryGetProperty("invocationId", out var i) ? i.GetString() : null;
                    var target = root.GetProperty("target").GetString();
                    var a = root.GetProperty("arguments");
                    var sid = a[0].ToString();
                    if (target == "JoinLive")
                    {
                        var room = rooms.GetOrAdd(sid, _ => new());
                        room[conn] = 0;
                        conn.Rooms.Add(room);
                        if (id is not null)
                            conn.Enqueue(Encoding.UTF8.GetBytes($"{{\"type\":3,\"invocationId\":\"{id}\",\"result\":{{\"room\":\"live:{sid}\",\"canSend\":true,\"reason\":null,\"moderator\":false,\"viewers\":null}}}}\u001e"));
                    }
                    else if (target == "SendMessage")
                    {
                        var item = new
                        {
                            id = Interlocked.Increment(ref nextId).ToString(), sessionId = sid,
                            author = new { id = "bench", username = "bench" }, text = a[1].GetProperty("text").GetString(),
                            mode = "scroll", color = "#ffffff", sentAt = DateTimeOffset.UtcNow, offsetMs = 0,
                        };
                        var msg = JsonSerializer.SerializeToUtf8Bytes(new { type = 1, target = "message", arguments = new[] { item } });
                        var framed = new byte[msg.Length + 1];
                        msg.CopyTo(framed, 0);
                        framed[^1] = 0x1e;
                        if (rooms.TryGetValue(sid, out var room))
                            foreach (var m in room.Keys) m.Enqueue(framed);
                        if (id is not null)
                        {
                            var done = JsonSerializer.SerializeToUtf8Bytes(new { type = 3, invocationId = id, result = new { item, error = (object?)null } });
                            conn.Enqueue([.. done, 0x1e]);
                        }
                    }
                });
            }
            finally
            {
                foreach (var r in c.Rooms) r.TryRemove(c, out _);
                c.Complete();
                await writer;
            }
        });
        await app.RunAsync();
        return 0;
    }
}

public sealed class BareConn(WebSocket ws, int queue)
{
    private readonly Channel<byte[]> outbox = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(queue) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    public readonly List<ConcurrentDictionary<BareConn, byte>> Rooms = new();

    public void Enqueue(byte[] frame)
    {
        if (!outbox.Writer.TryWrite(frame)) { outbox.Writer.TryComplete(); ws.Abort(); } // cannot keep up: dropped
    }
    public void Complete() => outbox.Writer.TryComplete();

    public async Task WriteLoop()
    {
        var buf = new ArrayBufferWriterBytes();
        try
        {
            while (await outbox.Reader.WaitToReadAsync())
            {
                buf.Clear();
                while (outbox.Reader.TryRead(out var f)) buf.Write(f);
                await ws.SendAsync(buf.Memory, WebSocketMessageType.Text, true, CancellationToken.None);
            }
        }
        catch (Exception) { ws.Abort(); }
    }

    public async Task ReadLoop(Action<byte[], BareConn> onRecord)
    {
        var buf = new byte[4096];
        var len = 0;
        while (ws.State == WebSocketState.Open)
        {
            if (len == buf.Length) Array.Resize(ref buf, buf.Length * 2);
            var r = await ws.ReceiveAsync(buf.AsMemory(len), CancellationToken.None);
            if (r.MessageType == WebSocketMessageType.Close) return;
            len += r.Count;
            var start = 0;
            int sep;
            while ((sep = Array.IndexOf(buf, (byte)0x1e, start, len - start)) >= 0)
            {
                onRecord(buf[start..sep], this);
                start = sep + 1;
            }
            if (start > 0) { Buffer.BlockCopy(buf, start, buf, 0, len - start); len -= start; }
        }
    }
}

internal sealed class ArrayBufferWriterBytes
{
    private byte[] data = new byte[4096];
    private int len;
    public ReadOnlyMemory<byte> Memory => data.AsMemory(0, len);
    public void Clear() => len = 0;
    public void Write(byte[] b)
    {
        if (len + b.Length > data.Length) Array.Resize(ref data, Math.Max(data.Length * 2, len + b.Length));
        b.CopyTo(data, len);
        len += b.Length;
    }
}
