// bench/realtime's load generator (and the plain-WebSocket reference server it is compared with).
//
//   realtime-load load --url http://127.0.0.1:PORT --session ID --tokens FILE --server-pid PID [options]
//       N anonymous receivers and S signed-in senders over raw WebSockets speaking SignalR's JSON hub protocol
//       (no negotiate: ws://host/hubs/live directly; handshake, invocations, pings), all joined to one live room.
//       The senders invoke SendMessage at --rate messages per second in all (round robin); each message's text
//       carries the moment it was sent (µs, this process's clock) and a sequence number, and every receiver takes
//       receipt − send per message. Steps of N (--steps), each: connect up to N, idle, the server's RSS, then
//       --warmup + --duration seconds of messages, then a drain; per step delivered messages/s, p50/p99/max from send
//       to receipt, messages lost, clients dropped, the server's CPU (its own process; children apart), this
//       process's CPU, the rest of the machine's. Writes JSON (--json).
//
//   realtime-load bare --urls http://127.0.0.1:PORT
//       The reference: Kestrel + plain WebSockets that speak just enough of the same protocol for the load generator
//       (handshake, JoinLive, SendMessage, pings): the message is serialized once and queued to every member's
//       bounded channel (a member whose queue is full is dropped), no auth, no storage, no rate limit.
using System.Buffers;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace RealtimeLoad;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0) { Console.Error.WriteLine("usage: realtime-load load|bare [options]"); return 2; }
        var opts = Options.Parse(args[1..]);
        return args[0] switch
        {
            "load" => await LoadRun.RunAsync(opts),
            "bare" => await BareServer.RunAsync(opts),
            _ => 2,
        };
    }
}

public sealed class Options
{
    private readonly Dictionary<string, string> values = new();
    public static Options Parse(string[] args)
    {
        var o = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--")) throw new ArgumentException($"unexpected argument {args[i]}");
            var key = args[i][2..];
            var eq = key.IndexOf('=');
            if (eq >= 0) { o.values[key[..eq]] = key[(eq + 1)..]; }
            else { o.values[key] = i + 1 < args.Length ? args[++i] : ""; }
        }
        return o;
    }
    public string Get(string k, string? def = null) => values.TryGetValue(k, out var v) ? v : def ?? throw new ArgumentException($"--{k} is required");
    public int Int(string k, int def) => values.TryGetValue(k, out var v) ? int.Parse(v) : def;
    public double Dbl(string k, double def) => values.TryGetValue(k, out var v) ? double.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : def;
}

/// <summary>One clock for sends and receipts: µs on the Unix epoch, from the monotonic Stopwatch.</summary>
public static class Clock
{
    private static readonly long BaseTs = Stopwatch.GetTimestamp();
    private static readonly long BaseUnixUs = (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) / 10;
    public static long NowUs() => BaseUnixUs + (long)((Stopwatch.GetTimestamp() - BaseTs) * (1_000_000.0 / Stopwatch.Frequency));
}

/// <summary>Latency histogram in µs: 0.1 ms buckets to 1 s, 10 ms buckets to 61 s.</summary>
public sealed class Hist
{
    private const int Fine = 10_000, Coarse = 6_000;
    private readonly long[] buckets = new long[Fine + Coarse + 1];
    public long Count, SumUs, MaxUs;
    public void Add(long us)
    {
        if (us < 0) us = 0;
        var i = us < 1_000_000 ? (int)(us / 100) : Fine + (int)Math.Min((us - 1_000_000) / 10_000, Coarse);
        buckets[i]++;
        Count++;
        SumUs += us;
        if (us > MaxUs) MaxUs = us;
    }
    public void Merge(Hist o)
    {
        for (var i = 0; i < buckets.Length; i++) buckets[i] += o.buckets[i];
        Count += o.Count; SumUs += o.SumUs; MaxUs = Math.Max(MaxUs, o.MaxUs);
    }
    /// <summary>Counts in bins of <paramref name="binMs"/> ms up to the last non-empty one (for the shape of a distribution).</summary>
    public long[] Bins(int binMs)
    {
        var bins = new List<long>();
        for (var i = 0; i < buckets.Length; i++)
        {
            if (buckets[i] == 0) continue;
            var lowerUs = i < Fine ? i * 100L : 1_000_000L + (i - Fine) * 10_000L;
            var b = (int)(lowerUs / 1000 / binMs);
            while (bins.Count <= b) bins.Add(0);
            bins[b] += buckets[i];
        }
        return [.. bins];
    }
    /// <summary>The upper edge of the bucket holding the p-quantile, in ms (NaN when empty).</summary>
    public double PercentileMs(double p)
    {
        if (Count == 0) return double.NaN;
        var rank = (long)Math.Ceiling(p * Count);
        if (rank < 1) rank = 1;
        long seen = 0;
        for (var i = 0; i < buckets.Length; i++)
        {
            seen += buckets[i];
            if (seen >= rank)
            {
                var upperUs = i < Fine ? (i + 1) * 100L : 1_000_000L + (i - Fine + 1) * 10_000L;
                return Math.Min(upperUs, MaxUs) / 1000.0;
            }
        }
        return MaxUs / 1000.0;
    }
}

/// <summary>Per-thread histograms (receive loops run on many pool threads), merged when read.</summary>
public sealed class HistSet
{
    private readonly ThreadLocal<Hist> local = new(() => new Hist(), trackAllValues: true);
    public void Add(long us) => local.Value!.Add(us);
    public Hist Merged()
    {
        var h = new Hist();
        foreach (var v in local.Values) h.Merge(v);
        return h;
    }
}

/// <summary>What is being measured now; swapped as a whole between steps.</summary>
public sealed class Window
{
    public volatile bool Open;       // receipts and sends count towards this step
    public long FirstSeq = long.MaxValue, EndSeq = long.MaxValue; // messages [FirstSeq, EndSeq) belong to the window
    public readonly HistSet Latency = new();  // send → receipt, every receiver
    public readonly HistSet ToServer = new(); // send → the server's sentAt (sampled receivers)
    public readonly HistSet FromServer = new(); // sentAt → receipt (sampled receivers)
    public readonly HistSet Ack = new();      // send → the sender's completion (SendResult)
    public long Accepted, Refused;
    public long StartUs;
    public readonly long[] MaxLatencyUsPerSecond = new long[600]; // sampled receivers, by second of the step since the first measured send
    public readonly long[] MaxAckUsPerSecond = new long[600];
    public static void Max(long[] a, long startUs, long nowUs, long v)
    {
        if (startUs == 0) return;
        var i = (nowUs - startUs) / 1_000_000;
        if (i < 0 || i >= a.Length) return;
        long cur;
        while (v > (cur = Volatile.Read(ref a[i])) && Interlocked.CompareExchange(ref a[i], v, cur) != cur) { }
    }
    public readonly ConcurrentDictionary<string, int> Errors = new();
}

public sealed class Conn
{
    public readonly int Index;
    public readonly bool IsSender;
    public readonly bool Sampled;
    public readonly ClientWebSocket Ws = new();
    private readonly LoadRun run;
    private readonly SemaphoreSlim sendLock = new(1, 1);
    private byte[] buf = new byte[8192];
    private int len;
    private bool handshakeDone;
    private readonly TaskCompletionSource<string> handshake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<string>> pending = new();
    public readonly ConcurrentDictionary<long, long> SentAt = new(); // senders: seq → send µs
    public long Messages;       // "message" events received, all time
    public long WindowMessages; // of the current window's sequence range
    public long Pings, Others;
    public long LastSendUs;
    public volatile bool Closed;
    public string? CloseReason;
    public Task? ReceiveTask;
    /// <summary>A stalled client stops reading (after its join) until <see cref="Resume"/>; it still pings.</summary>
    public volatile bool Stalled;
    private TaskCompletionSource resume = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public long StalledFrames;
    public void Resume() { Stalled = false; resume.TrySetResult(); }

    public Conn(LoadRun run, int index, bool isSender, bool sampled)
    {
        this.run = run; Index = index; IsSender = isSender; Sampled = sampled;
        Ws.Options.KeepAliveInterval = TimeSpan.Zero; // SignalR's own pings keep the connection
    }

    public async Task ConnectAsync(Uri uri, string? token, string sessionJson, CancellationToken ct, int receiveBuffer = 0)
    {
        if (token is not null) Ws.Options.SetRequestHeader("Authorization", "Bearer " + token);
        if (receiveBuffer > 0)
        {
            // A small receive buffer, set before connecting so the advertised window stays small (a slow reader).
            var handler = new SocketsHttpHandler
            {
                ConnectCallback = async (ctx, token2) =>
                {
                    var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp)
                    { NoDelay = true, ReceiveBufferSize = receiveBuffer };
                    await socket.ConnectAsync(ctx.DnsEndPoint, token2);
                    return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
                },
            };
            await Ws.ConnectAsync(uri, new HttpMessageInvoker(handler), ct);
        }
        else
        {
            await Ws.ConnectAsync(uri, ct);
        }
        ReceiveTask = Task.Run(ReceiveLoop);
        await SendRawAsync("{\"protocol\":\"json\",\"version\":1}\u001e", ct);
        var hs = await handshake.Task.WaitAsync(ct);
        if (hs != "{}") throw new InvalidOperationException("handshake: " + hs);
        var join = await InvokeAsync("j", "JoinLive", sessionJson, ct);
        using var doc = JsonDocument.Parse(join);
        if (doc.RootElement.TryGetProperty("error", out var err) && err.ValueKind == JsonValueKind.String)
            throw new InvalidOperationException("JoinLive: " + err.GetString());
    }

    public async Task<string> InvokeAsync(string id, string target, string argsJson, CancellationToken ct)
    {
        var tcs = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[id] = tcs;
        await SendRawAsync($"{{\"type\":1,\"invocationId\":\"{id}\",\"target\":\"{target}\",\"arguments\":[{argsJson}]}}\u001e", ct);
        return await tcs.Task.WaitAsync(ct);
    }

    public async Task SendRawAsync(string text, CancellationToken ct)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        await sendLock.WaitAsync(ct);
        try
        {
            await Ws.SendAsync(bytes, WebSocketMessageType.Text, true, ct);
            LastSendUs = Clock.NowUs();
        }
        finally { sendLock.Release(); }
    }

    /// <summary>A ping unless a send is under way (that keeps the connection alive just as well).</summary>
    public async Task PingAsync()
    {
        if (Closed || !await sendLock.WaitAsync(0)) return;
        try
        {
            await Ws.SendAsync(PingBytes, WebSocketMessageType.Text, true, CancellationToken.None);
            LastSendUs = Clock.NowUs();
        }
        catch (Exception e) { MarkClosed("ping failed: " + e.GetType().Name); }
        finally { sendLock.Release(); }
    }
    private static readonly byte[] PingBytes = Encoding.UTF8.GetBytes("{\"type\":6}\u001e");

    public void MarkClosed(string reason)
    {
        if (Closed) return;
        CloseReason = reason;
        Closed = true;
        Interlocked.Increment(ref run.ClosedCount);
        handshake.TrySetException(new InvalidOperationException(reason));
        foreach (var p in pending.Values) p.TrySetException(new InvalidOperationException(reason));
    }

    private async Task ReceiveLoop()
    {
        try
        {
            while (true)
            {
                if (Stalled) await resume.Task;
                if (len == buf.Length) Array.Resize(ref buf, buf.Length * 2);
                var r = await Ws.ReceiveAsync(buf.AsMemory(len), CancellationToken.None);
                if (Stalled) StalledFrames++;
                if (r.MessageType == WebSocketMessageType.Close)
                {
                    MarkClosed($"closed by the server ({Ws.CloseStatus} {Ws.CloseStatusDescription})");
                    return;
                }
                len += r.Count;
                var now = Clock.NowUs();
                var span = buf.AsSpan(0, len);
                var start = 0;
                int sep;
                while ((sep = span[start..].IndexOf((byte)0x1e)) >= 0)
                {
                    OnRecord(span.Slice(start, sep), now);
                    start += sep + 1;
                }
                if (start > 0)
                {
                    span[start..].CopyTo(buf);
                    len -= start;
                }
            }
        }
        catch (Exception e)
        {
            MarkClosed(run.Stopping ? "stopped" : "receive failed: " + e.GetType().Name + ": " + e.Message);
        }
    }

    private void OnRecord(ReadOnlySpan<byte> rec, long nowUs)
    {
        if (!handshakeDone)
        {
            handshakeDone = true;
            handshake.TrySetResult(Encoding.UTF8.GetString(rec));
            return;
        }
        if (rec.StartsWith("{\"type\":1,"u8))
        {
            var m = rec.IndexOf("rtb|"u8);
            if (m >= 0 && rec.IndexOf("\"target\":\"message\""u8) >= 0)
            {
                OnMessage(rec, rec[(m + 4)..], nowUs);
                return;
            }
            Interlocked.Increment(ref Others);
            run.NoteTarget(rec);
            return;
        }
        if (rec.StartsWith("{\"type\":6"u8)) { Pings++; return; }
        OnControl(rec, nowUs);
    }

    private void OnMessage(ReadOnlySpan<byte> rec, ReadOnlySpan<byte> stamp, long nowUs)
    {
        // rtb|<send µs>|<sender>|<seq>
        if (!Utf8Parser.TryParse(stamp, out long sentUs, out var n1) || stamp.Length <= n1 + 1) return;
        var rest = stamp[(n1 + 1)..];
        if (!Utf8Parser.TryParse(rest, out int _, out var n2) || rest.Length <= n2 + 1) return;
        if (!Utf8Parser.TryParse(rest[(n2 + 1)..], out long seq, out _)) return;
        Messages++;
        if (IsSender) return;
        var w = run.Current;
        if (seq < w.FirstSeq || seq >= w.EndSeq) return;
        WindowMessages++;
        w.Latency.Add(nowUs - sentUs);
        if (Sampled)
        {
            Window.Max(w.MaxLatencyUsPerSecond, w.StartUs, nowUs, nowUs - sentUs);
            var at = rec.IndexOf("\"sentAt\":\""u8);
            if (at >= 0)
            {
                var s = rec[(at + 10)..];
                var end = s.IndexOf((byte)'"');
                if (end > 0 && DateTimeOffset.TryParse(Encoding.ASCII.GetString(s[..end]), System.Globalization.CultureInfo.InvariantCulture,
                        System.Globalization.DateTimeStyles.AssumeUniversal, out var sentAt))
                {
                    var serverUs = (sentAt.UtcTicks - DateTime.UnixEpoch.Ticks) / 10;
                    w.ToServer.Add(serverUs - sentUs);
                    w.FromServer.Add(nowUs - serverUs);
                }
            }
        }
    }

    private void OnControl(ReadOnlySpan<byte> rec, long nowUs)
    {
        using var doc = JsonDocument.Parse(rec.ToArray());
        var root = doc.RootElement;
        var type = root.TryGetProperty("type", out var t) ? t.GetInt32() : -1;
        if (type == 7)
        {
            MarkClosed("close message: " + (root.TryGetProperty("error", out var e) ? e.ToString() : "(no error)"));
            return;
        }
        if (type != 3 || !root.TryGetProperty("invocationId", out var idEl)) { Interlocked.Increment(ref Others); return; }
        var id = idEl.GetString()!;
        if (pending.TryRemove(id, out var tcs)) { tcs.TrySetResult(Encoding.UTF8.GetString(rec)); return; }
        // A SendMessage completion: invocation id = the message's sequence number.
        if (!long.TryParse(id, out var seq) || !SentAt.TryRemove(seq, out var sentUs)) return;
        var w = run.Current;
        var inWindow = seq >= w.FirstSeq && seq < w.EndSeq;
        string? code = null;
        if (root.TryGetProperty("error", out var hubErr)) code = "hub: " + hubErr.GetString();
        else if (root.TryGetProperty("result", out var res) && res.ValueKind == JsonValueKind.Object
                 && res.TryGetProperty("error", out var err) && err.ValueKind == JsonValueKind.Object)
            code = err.TryGetProperty("code", out var c) ? c.GetString() : err.ToString();
        if (code is null)
        {
            if (inWindow) { Interlocked.Increment(ref w.Accepted); w.Ack.Add(nowUs - sentUs); Window.Max(w.MaxAckUsPerSecond, w.StartUs, nowUs, nowUs - sentUs); }
            Interlocked.Increment(ref run.AcceptedAll);
        }
        else
        {
            if (inWindow) { Interlocked.Increment(ref w.Refused); w.Errors.AddOrUpdate(code, 1, (_, v) => v + 1); }
            Interlocked.Increment(ref run.RefusedAll);
            run.LastError = code;
        }
    }
}

public sealed class LoadRun
{
    public volatile Window Current = new();
    public volatile bool Stopping;
    public long ClosedCount, AcceptedAll, RefusedAll;
    public volatile string? LastError;
    private readonly ConcurrentDictionary<string, int> targets = new();
    public void NoteTarget(ReadOnlySpan<byte> rec)
    {
        var at = rec.IndexOf("\"target\":\""u8);
        if (at < 0) return;
        var s = rec[(at + 10)..];
        var end = s.IndexOf((byte)'"');
        if (end > 0) targets.AddOrUpdate(Encoding.UTF8.GetString(s[..end]), 1, (_, v) => v + 1);
    }

    private readonly List<Conn> receivers = new();
    private readonly List<Conn> senders = new();
    private readonly List<Conn> stalled = new();
    private long nextSeq;
    private static void Log(string s) => Console.Error.WriteLine($"[realtime-load {DateTime.UtcNow:HH:mm:ss}] {s}");

    public static async Task<int> RunAsync(Options o)
    {
        var run = new LoadRun();
        try { return await run.Run(o); }
        finally { run.Stopping = true; }
    }

    private async Task<int> Run(Options o)
    {
        var baseUrl = o.Get("url").TrimEnd('/');
        var uri = new Uri(baseUrl.Replace("http://", "ws://").Replace("https://", "wss://") + o.Get("hub", "/hubs/live"));
        var session = o.Get("session");
        var sessionJson = o.Get("session-json", JsonSerializer.Serialize(session));
        var tokens = File.ReadAllLines(o.Get("tokens")).Where(l => l.Length > 0).ToArray();
        var serverPid = o.Int("server-pid", 0);
        var steps = o.Get("steps", "500,1000,2000,5000").Split(',').Select(int.Parse).ToArray();
        var rate = o.Dbl("rate", 100);
        var nSenders = o.Int("senders", 10);
        var warmup = o.Dbl("warmup", 5);
        var duration = o.Dbl("duration", 30);
        var idle = o.Dbl("idle", 5);
        var drain = o.Dbl("drain", 5);
        var rampRate = o.Dbl("ramp-rate", 250);
        var concurrency = o.Int("connect-concurrency", 32);
        var stopP50Ms = o.Dbl("stop-p50-ms", 1000);
        var stopFailShare = o.Dbl("stop-fail-share", 0.01);
        var sampled = o.Int("sampled", 100);
        var nStalled = o.Int("stalled", 0);
        var stallRcvbuf = o.Int("stall-rcvbuf", 4096);
        var resumeWait = o.Dbl("resume-wait", 15);
        var idleMemory = o.Int("idle-memory", 0);
        var pad = o.Get("text", "hello from the realtime benchmark");
        var jsonOut = o.Get("json");
        var label = o.Get("label", "framecast");
        if (tokens.Length < nSenders && tokens.Length > 0) Log($"{tokens.Length} tokens for {nSenders} senders: tokens are reused");

        var result = new Dictionary<string, object?>
        {
            ["label"] = label, ["url"] = baseUrl, ["hub"] = uri.AbsolutePath, ["rate"] = rate, ["senders"] = nSenders,
            ["warmup_s"] = warmup, ["duration_s"] = duration, ["idle_s"] = idle, ["ramp_rate"] = rampRate,
            ["text_example"] = $"rtb|{Clock.NowUs()}|0|0 {pad}",
        };
        var stepResults = new List<Dictionary<string, object?>>();
        result["steps"] = stepResults;
        var clk = Sys.ClockTicks;

        // Pings for every connection (the hub expects one within its client timeout, 30 s by default).
        using var stopPings = new CancellationTokenSource();
        var pinger = Task.Run(async () =>
        {
            while (!stopPings.IsCancellationRequested)
            {
                try { await Task.Delay(1000, stopPings.Token); } catch (OperationCanceledException) { return; }
                var now = Clock.NowUs();
                Conn[] all;
                lock (receivers) all = [.. receivers, .. senders, .. stalled];
                foreach (var c in all)
                    if (!c.Closed && now - c.LastSendUs > 10_000_000) _ = c.PingAsync();
            }
        });

        try
        {
            // Senders: signed in (bearer), joined to the room like any chatter.
            for (var s = 0; s < nSenders; s++)
            {
                var c = new Conn(this, s, isSender: true, sampled: false);
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                await c.ConnectAsync(uri, tokens.Length > 0 ? tokens[s % tokens.Length] : null, sessionJson, cts.Token);
                lock (receivers) senders.Add(c);
            }
            Log($"{nSenders} senders joined {session}");

            // Memory per idle client on a server that has carried no messages yet: VmRSS before and after idleMemory
            // receivers joined (and 2 × idle seconds of rest), then they leave.
            if (idleMemory > 0 && serverPid > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(idle));
                var rss0 = Sys.RssKib(serverPid);
                var extra = new List<Conn>();
                var fails = 0;
                using (var gate = new SemaphoreSlim(concurrency))
                {
                    var tasks = new List<Task>();
                    var start = Clock.NowUs();
                    for (var i = 0; i < idleMemory; i++)
                    {
                        var due = start + (long)(i * 1_000_000 / rampRate);
                        var wait = due - Clock.NowUs();
                        if (wait > 1000) await Task.Delay(TimeSpan.FromMicroseconds(wait));
                        await gate.WaitAsync();
                        tasks.Add(Task.Run(async () =>
                        {
                            var c = new Conn(this, 2_000_000, isSender: false, sampled: false);
                            try
                            {
                                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                                await c.ConnectAsync(uri, null, sessionJson, cts.Token);
                                lock (extra) extra.Add(c);
                            }
                            catch (Exception) { Interlocked.Increment(ref fails); c.Stopping(); }
                            finally { gate.Release(); }
                        }));
                    }
                    await Task.WhenAll(tasks);
                }
                await Task.Delay(TimeSpan.FromSeconds(2 * idle));
                var rss1 = Sys.RssKib(serverPid);
                result["idle_memory"] = new Dictionary<string, object?>
                {
                    ["clients"] = extra.Count, ["failed"] = fails, ["rss_before_kib"] = rss0, ["rss_after_kib"] = rss1,
                    ["kib_per_client"] = extra.Count > 0 ? (rss1 - rss0) / (double)extra.Count : double.NaN,
                };
                Log($"idle memory: {extra.Count} receivers joined ({fails} failed), server VmRSS {rss0} → {rss1} KiB = {(rss1 - rss0) / (double)Math.Max(extra.Count, 1):F1} KiB per client");
                foreach (var c in extra) c.Stopping();
                await Task.Delay(TimeSpan.FromSeconds(idle));
            }

            // Warm-up with no receivers: JIT, the send path, and a check that the senders are not refused.
            var warm = await Send(rate, Math.Max(warmup, 5), sessionJson, pad, measure: false);
            Log($"warm-up: {warm.sent} sent, {AcceptedAll} accepted, {RefusedAll} refused{(LastError is null ? "" : " (last: " + LastError + ")")}");
            if (RefusedAll > warm.sent / 10)
            {
                result["error"] = $"the senders were refused in the warm-up: {RefusedAll} of {warm.sent} ({LastError})";
                return Finish(result, jsonOut, 3);
            }
            await Task.Delay(TimeSpan.FromSeconds(idle));
            var baseRss = serverPid > 0 ? Sys.RssKib(serverPid) : 0;
            result["rss_base_kib"] = baseRss;
            result["rss_base_note"] = "after the senders joined and a warm-up of messages, before any receiver";
            Log($"server VmRSS before receivers: {baseRss} KiB");

            foreach (var n in steps)
            {
                var step = new Dictionary<string, object?> { ["clients"] = n };
                stepResults.Add(step);
                // --- connect up to n receivers ---
                var want = n - receivers.Count(r => !r.Closed);
                var connectLat = new Hist();
                var failures = new ConcurrentDictionary<string, int>();
                var t0 = Clock.NowUs();
                var closedBefore = Interlocked.Read(ref ClosedCount);
                if (want > 0)
                {
                    Log($"step {n}: connecting {want} receivers at up to {rampRate}/s");
                    using var gate = new SemaphoreSlim(concurrency);
                    var tasks = new List<Task>();
                    var start = Clock.NowUs();
                    for (var i = 0; i < want; i++)
                    {
                        var due = start + (long)(i * 1_000_000 / rampRate);
                        var wait = due - Clock.NowUs();
                        if (wait > 1000) await Task.Delay(TimeSpan.FromMicroseconds(wait));
                        await gate.WaitAsync();
                        var idx = receivers.Count + tasks.Count;
                        tasks.Add(Task.Run(async () =>
                        {
                            var c = new Conn(this, idx, isSender: false, sampled: idx < sampled);
                            var ts = Clock.NowUs();
                            try
                            {
                                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                                await c.ConnectAsync(uri, null, sessionJson, cts.Token);
                                lock (connectLat) connectLat.Add(Clock.NowUs() - ts);
                                lock (receivers) receivers.Add(c);
                            }
                            catch (Exception e)
                            {
                                var why = e is OperationCanceledException ? "timeout (30 s)" : e.GetType().Name + ": " + Trim(e.Message);
                                failures.AddOrUpdate(why, 1, (_, v) => v + 1);
                                c.Stopping();
                            }
                            finally { gate.Release(); }
                        }));
                    }
                    await Task.WhenAll(tasks);
                }
                if (nStalled > 0 && stalled.Count == 0)
                {
                    for (var k = 0; k < nStalled; k++)
                    {
                        var c = new Conn(this, 1_000_000 + k, isSender: false, sampled: false);
                        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                        await c.ConnectAsync(uri, null, sessionJson, cts.Token, stallRcvbuf);
                        c.Stalled = true;
                        lock (receivers) stalled.Add(c);
                    }
                    Log($"{nStalled} stalled receivers joined (receive buffer {stallRcvbuf} B; they ping but stop reading)");
                }
                var connected = receivers.Count(r => !r.Closed);
                var failed = failures.Values.Sum();
                step["connected"] = connected;
                step["connect_failed"] = failed;
                step["connect_failures"] = failures.ToDictionary(k => k.Key, k => (object?)k.Value);
                step["connect_s"] = (Clock.NowUs() - t0) / 1e6;
                step["connect_p50_ms"] = connectLat.PercentileMs(0.5);
                step["connect_p99_ms"] = connectLat.PercentileMs(0.99);
                Log($"step {n}: {connected} receivers connected and joined, {failed} failed{(failed > 0 ? " (" + string.Join("; ", failures.Select(f => $"{f.Value}× {f.Key}")) + ")" : "")}");

                // --- idle: memory per client ---
                var cpuIdle0 = serverPid > 0 ? Sys.Ticks(serverPid) : default;
                var tIdle0 = Clock.NowUs();
                await Task.Delay(TimeSpan.FromSeconds(idle));
                var rssIdle = serverPid > 0 ? Sys.RssKib(serverPid) : 0;
                step["rss_idle_kib"] = rssIdle;
                step["kib_per_client"] = connected > 0 ? (rssIdle - baseRss) / (double)connected : double.NaN;
                if (serverPid > 0)
                    step["server_cpu_idle_pct"] = (Sys.Ticks(serverPid).Self - cpuIdle0.Self) / (double)clk / ((Clock.NowUs() - tIdle0) / 1e6) * 100;
                Log($"step {n}: server VmRSS idle {rssIdle} KiB = {(rssIdle - baseRss) / (double)Math.Max(connected, 1):F1} KiB per receiver over the base");

                // --- messages: warm-up, then the measured window, then a drain ---
                var w = new Window();
                foreach (var r in receivers) r.WindowMessages = 0;
                Current = w;
                var sendTask = Send(rate, warmup + duration, sessionJson, pad, measure: true, measureAfter: warmup, window: w);
                await Task.Delay(TimeSpan.FromSeconds(warmup));
                // The window opens at the first message sent after the warm-up (Send sets FirstSeq).
                while (w.FirstSeq == long.MaxValue && !sendTask.IsCompleted) await Task.Delay(1);
                var mStart = Clock.NowUs();
                var srv0 = serverPid > 0 ? Sys.Ticks(serverPid) : default;
                var self0 = Sys.Ticks(Environment.ProcessId);
                var busy0 = Sys.MachineBusyTicks();
                var recv0 = receivers.Sum(r => r.Messages);
                step["closed_before"] = receivers.Count(r => r.Closed);
                long peakRss = 0;
                var rssSamples = new List<long>();
                while (!sendTask.IsCompleted)
                {
                    await Task.WhenAny(sendTask, Task.Delay(500));
                    if (serverPid > 0) { var r = Sys.RssKib(serverPid); peakRss = Math.Max(peakRss, r); rssSamples.Add(r); }
                }
                var sendStats = await sendTask;
                var mEnd = Clock.NowUs();
                var srv1 = serverPid > 0 ? Sys.Ticks(serverPid) : default;
                var self1 = Sys.Ticks(Environment.ProcessId);
                var busy1 = Sys.MachineBusyTicks();
                var recv1 = receivers.Sum(r => r.Messages);
                var secs = (mEnd - mStart) / 1e6;
                // Drain: wait until every open receiver has every accepted message of the window, or the time is up.
                var drainEnd = Clock.NowUs() + (long)(drain * 1e6);
                long expectedPer = 0;
                while (Clock.NowUs() < drainEnd)
                {
                    expectedPer = sendStats.sent - Interlocked.Read(ref w.Refused);
                    if (receivers.Where(r => !r.Closed).All(r => r.WindowMessages >= expectedPer) && senders.All(s => s.SentAt.IsEmpty)) break;
                    await Task.Delay(100);
                }
                expectedPer = sendStats.sent - Interlocked.Read(ref w.Refused); // not refused (accepted, or not answered yet)
                w.Open = false;
                var open = receivers.Where(r => !r.Closed).ToList();
                var lat = w.Latency.Merged();
                var gotAll = open.Count(r => r.WindowMessages >= expectedPer);
                var delivered = open.Sum(r => r.WindowMessages);
                var expected = expectedPer * open.Count;
                step["sent"] = sendStats.sent;
                step["sent_per_s"] = sendStats.sent / sendStats.seconds;
                step["send_late_max_ms"] = sendStats.lateMaxUs / 1000.0;
                step["accepted"] = Interlocked.Read(ref w.Accepted);
                step["refused"] = Interlocked.Read(ref w.Refused);
                step["refusals"] = w.Errors.ToDictionary(k => k.Key, k => (object?)k.Value);
                step["unanswered"] = senders.Sum(s => s.SentAt.Count);
                step["measure_s"] = secs;
                step["delivered_per_s"] = (recv1 - recv0) / secs;
                step["expected_per_s"] = expectedPer * (double)open.Count / secs;
                step["receivers_open"] = open.Count;
                step["receivers_with_all"] = gotAll;
                step["delivered_window"] = delivered;
                step["expected_window"] = expected;
                step["lost"] = expected - delivered;
                step["latency_count"] = lat.Count;
                step["p50_ms"] = lat.PercentileMs(0.50);
                step["p90_ms"] = lat.PercentileMs(0.90);
                step["p99_ms"] = lat.PercentileMs(0.99);
                step["p999_ms"] = lat.PercentileMs(0.999);
                step["max_ms"] = lat.MaxUs / 1000.0;
                step["mean_ms"] = lat.Count > 0 ? lat.SumUs / (double)lat.Count / 1000 : double.NaN;
                var ts_ = w.ToServer.Merged(); var fs = w.FromServer.Merged(); var ack = w.Ack.Merged();
                step["to_server_p50_ms"] = ts_.PercentileMs(0.5); step["to_server_p99_ms"] = ts_.PercentileMs(0.99);
                step["from_server_p50_ms"] = fs.PercentileMs(0.5); step["from_server_p99_ms"] = fs.PercentileMs(0.99);
                step["ack_p50_ms"] = ack.PercentileMs(0.5); step["ack_p99_ms"] = ack.PercentileMs(0.99);
                step["ack_bins_25ms"] = ack.Bins(25);
                step["to_server_bins_25ms"] = ts_.Bins(25);
                step["dropped_during"] = receivers.Count(r => r.Closed) - (int)step.GetValueOrDefault("closed_before", 0)!;
                var seconds = (int)Math.Ceiling(secs);
                step["max_latency_ms_per_s"] = w.MaxLatencyUsPerSecond.Take(seconds + 5).Select(v => v / 1000.0).ToArray();
                step["max_ack_ms_per_s"] = w.MaxAckUsPerSecond.Take(seconds + 5).Select(v => v / 1000.0).ToArray();
                if (stalled.Count > 0)
                {
                    step["stalled_open"] = stalled.Count(c => !c.Closed);
                    step["stalled_frames_after_stall"] = stalled.Sum(c => c.StalledFrames);
                }
                step["closed_reasons"] = receivers.Where(r => r.Closed && r.CloseReason is not null).GroupBy(r => r.CloseReason!)
                    .ToDictionary(g => g.Key, g => (object?)g.Count());
                if (serverPid > 0)
                {
                    step["server_cpu_pct"] = (srv1.Self - srv0.Self) / (double)clk / secs * 100;
                    step["server_children_cpu_pct"] = (srv1.Children - srv0.Children) / (double)clk / secs * 100;
                    step["rss_peak_kib"] = peakRss;
                    step["rss_after_kib"] = Sys.RssKib(serverPid);
                }
                step["load_cpu_pct"] = (self1.Self - self0.Self) / (double)clk / secs * 100;
                step["machine_busy_pct"] = (busy1 - busy0) / (double)clk / secs / Environment.ProcessorCount * 100;
                Log($"step {n}: sent {sendStats.sent} ({sendStats.sent / sendStats.seconds:F1}/s), delivered {(recv1 - recv0) / secs:F0}/s of {expectedPer * (double)open.Count / secs:F0}/s expected, " +
                    $"p50 {lat.PercentileMs(0.5):F1} ms p99 {lat.PercentileMs(0.99):F1} ms max {lat.MaxUs / 1000.0:F0} ms, lost {expected - delivered}, " +
                    $"dropped {step["dropped_during"]}, server CPU {step.GetValueOrDefault("server_cpu_pct"):F0}%, load CPU {step["load_cpu_pct"]:F0}%");
                // --- stop here? ---
                var why = new List<string>();
                if (lat.Count == 0 || lat.PercentileMs(0.50) > stopP50Ms) why.Add($"p50 above {stopP50Ms} ms");
                if (failed > stopFailShare * Math.Max(want, 1) && failed > 0) why.Add($"{failed} of {want} receivers failed to connect");
                if (Convert.ToInt64(step["dropped_during"]) > stopFailShare * n) why.Add($"{step["dropped_during"]} receivers dropped");
                if (expected > 0 && delivered < 0.9 * expected) why.Add("under 90 % of the messages delivered");
                if (why.Count > 0)
                {
                    step["stopped_here"] = string.Join("; ", why);
                    Log($"stopping after {n}: {step["stopped_here"]}");
                    break;
                }
                Current = new Window();
            }
            if (stalled.Count > 0)
            {
                // Were they dropped? Let them read again: a connection the server closed ends soon (close or reset);
                // an open one keeps receiving.
                var before = stalled.Select(c => c.Messages).ToArray();
                var tResume = Clock.NowUs();
                foreach (var c in stalled) c.Resume();
                await Task.Delay(TimeSpan.FromSeconds(resumeWait));
                result["stalled"] = stalled.Select((c, i) => (object?)new Dictionary<string, object?>
                {
                    ["closed"] = c.Closed, ["reason"] = c.CloseReason, ["messages_before_resume"] = before[i],
                    ["messages_after_resume"] = c.Messages - before[i], ["frames_while_stalled"] = c.StalledFrames,
                }).ToList();
                result["stalled_resume_wait_s"] = resumeWait;
                Log($"stalled receivers after resuming for {resumeWait} s: " + string.Join("; ", stalled.Select((c, i) => $"closed={c.Closed} ({c.CloseReason}), {before[i]} messages before, {c.Messages - before[i]} after")));
            }
            result["targets_seen"] = targets.ToDictionary(k => k.Key, k => (object?)k.Value);
            return Finish(result, jsonOut, 0);
        }
        catch (Exception e)
        {
            result["error"] = e.GetType().Name + ": " + e.Message;
            Log("failed: " + e);
            return Finish(result, jsonOut, 1);
        }
        finally
        {
            Stopping = true;
            stopPings.Cancel();
            Conn[] all;
            lock (receivers) all = [.. receivers, .. senders, .. stalled];
            // Close quickly: abort (no close handshake with thousands of clients).
            foreach (var c in all) { try { c.Ws.Abort(); } catch { } }
        }
    }

    private static string Trim(string s) => s.Length > 160 ? s[..160] : s;

    private int Finish(Dictionary<string, object?> result, string path, int code)
    {
        File.WriteAllText(path, JsonSerializer.Serialize(result, new JsonSerializerOptions
        {
            WriteIndented = true,
            NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        }));
        return code;
    }

    /// <summary>Messages at <paramref name="rate"/>/s in all, round robin over the senders, for <paramref name="seconds"/>.</summary>
    private async Task<(long sent, double seconds, long lateMaxUs)> Send(double rate, double seconds, string sessionJson, string pad,
        bool measure, double measureAfter = 0, Window? window = null)
    {
        var start = Clock.NowUs();
        var total = (long)Math.Round(rate * seconds);
        long sent = 0, measuredSent = 0, lateMax = 0, firstMeasuredUs = 0;
        for (long i = 0; i < total; i++)
        {
            var due = start + (long)(i * 1_000_000 / rate);
            var wait = due - Clock.NowUs();
            if (wait > 1000) await Task.Delay(TimeSpan.FromMicroseconds(wait));
            var seq = Interlocked.Increment(ref nextSeq);
            var inWindow = measure && window is not null && due - start >= measureAfter * 1_000_000;
            if (inWindow && window!.FirstSeq == long.MaxValue) { window.StartUs = Clock.NowUs(); window.FirstSeq = seq; window.Open = true; firstMeasuredUs = window.StartUs; }
            var s = senders[(int)(i % senders.Count)];
            if (s.Closed) continue;
            var now = Clock.NowUs();
            lateMax = inWindow ? Math.Max(lateMax, now - due) : lateMax;
            s.SentAt[seq] = now;
            var text = $"rtb|{now}|{s.Index}|{seq} {pad}";
            _ = SendOne(s, seq, sessionJson, text);
            sent++;
            if (inWindow) measuredSent++;
        }
        if (window is not null) window.EndSeq = Interlocked.Read(ref nextSeq) + 1;
        var secs = measure && firstMeasuredUs > 0 ? (Clock.NowUs() - firstMeasuredUs) / 1e6 : (Clock.NowUs() - start) / 1e6;
        return (measure ? measuredSent : sent, secs, lateMax);
    }

    private static async Task SendOne(Conn s, long seq, string sessionJson, string text)
    {
        try
        {
            await s.SendRawAsync($"{{\"type\":1,\"invocationId\":\"{seq}\",\"target\":\"SendMessage\",\"arguments\":[{sessionJson},{{\"text\":{JsonSerializer.Serialize(text)}}}]}}\u001e", CancellationToken.None);
        }
        catch (Exception e) { s.MarkClosed("send failed: " + e.GetType().Name); }
    }
}

public static class ConnExtensions
{
    public static void Stopping(this Conn c) { try { c.Ws.Abort(); c.Ws.Dispose(); } catch { } }
}

/// <summary>/proc readings.</summary>
public static class Sys
{
    public static readonly long ClockTicks = 100; // USER_HZ on Linux
    public readonly record struct CpuTicks(long Self, long Children);
    public static CpuTicks Ticks(int pid)
    {
        var text = File.ReadAllText($"/proc/{pid}/stat");
        var f = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        // after the command name: utime is the 12th field, stime the 13th, cutime the 14th, cstime the 15th
        return new CpuTicks(long.Parse(f[11]) + long.Parse(f[12]), DescendantTicks(pid));
    }
    /// <summary>utime + stime (+ their reaped children's) of every live descendant of pid (e.g. the broadcast's ffmpeg).</summary>
    public static long DescendantTicks(int pid)
    {
        var kids = new Dictionary<int, List<int>>();
        var stats = new Dictionary<int, string[]>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var p)) continue;
            try
            {
                var text = File.ReadAllText($"{dir}/stat");
                var f = text[(text.LastIndexOf(')') + 2)..].Split(' ');
                stats[p] = f;
                var ppid = int.Parse(f[1]);
                if (!kids.TryGetValue(ppid, out var l)) kids[ppid] = l = new List<int>();
                l.Add(p);
            }
            catch (IOException) { }
        }
        long total = 0;
        var todo = new Stack<int>(kids.GetValueOrDefault(pid) ?? []);
        while (todo.Count > 0)
        {
            var p = todo.Pop();
            var f = stats[p];
            total += long.Parse(f[11]) + long.Parse(f[12]) + long.Parse(f[13]) + long.Parse(f[14]);
            foreach (var k in kids.GetValueOrDefault(p) ?? []) todo.Push(k);
        }
        return total;
    }
    public static long RssKib(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            if (line.StartsWith("VmRSS:")) return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        return 0;
    }
    public static long MachineBusyTicks()
    {
        var f = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return long.Parse(f[1]) + long.Parse(f[2]) + long.Parse(f[3]) + long.Parse(f[6]) + long.Parse(f[7]);
    }
}
