using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using Framecast.Infrastructure.Http.SendFile;
using static Framecast.Infrastructure.Http.FastPath.LinuxSockets;

namespace Framecast.Infrastructure.Http.FastPath;

/// <summary>
/// One thread with its own epoll set: accepts from the shared listening socket (EPOLLEXCLUSIVE, so one loop wakes per
/// connection), answers what the responder takes, and hands every other connection to Kestrel. Connections are
/// edge-triggered for reading and writing, so each wake-up does all the work the socket allows.
/// </summary>
internal sealed unsafe class EventLoop
{
    private const ulong ListenerTag = ulong.MaxValue;
    private const ulong WakeTag = ulong.MaxValue - 1;
    private const int MaxEvents = 256;

    private readonly FastPathListener listener;
    private readonly FastPathOptions options;
    private readonly ILogger logger;
    private readonly int epoll;
    private readonly int wake;
    private readonly Dictionary<int, FastConnection> connections = [];
    private readonly ConcurrentQueue<FastConnection> resumed = new();
    private readonly Thread thread;
    private readonly Lock wakeLock = new();
    private bool wakeClosed;
    private volatile bool stopping;
    private volatile bool unbinding;
    private bool listening = true;
    private bool acceptPaused;
    private long dateSecond = -1;
    private byte[] dateLine = [];

    public EventLoop(FastPathListener listener, int index, FastPathOptions options, IFastResponder responder, FastPathMetrics metrics, SendFileMetrics sendFileMetrics, ILogger logger)
    {
        this.listener = listener;
        this.options = options;
        this.logger = logger;
        Responder = responder;
        Metrics = metrics;
        SendFileMetrics = sendFileMetrics;
        epoll = EpollCreate(0x80000 /* EPOLL_CLOEXEC */);
        wake = EventFd(0, EFD_NONBLOCK | SOCK_CLOEXEC);
        if (epoll < 0 || wake < 0)
        {
            throw new IOException($"The fast path could not create its event loop (errno {Errno}).");
        }
        Check(Control(epoll, EPOLL_CTL_ADD, wake, EPOLLIN, WakeTag));
        Check(Control(epoll, EPOLL_CTL_ADD, listener.Fd, EPOLLIN | EPOLLEXCLUSIVE, ListenerTag));
        thread = new Thread(Run) { IsBackground = true, Name = $"Framecast fast path {index}" };
    }

    public IFastResponder Responder { get; }

    public FastPathMetrics Metrics { get; }

    public SendFileMetrics SendFileMetrics { get; }

    /// <summary>Scratch space for peeking at request heads; one per loop, as the loop runs one connection at a time.</summary>
    public byte[] Buffer { get; } = new byte[8192];

    public long Now { get; private set; } = Stopwatch.GetTimestamp();

    /// <summary><c>Date: …\r\n</c>, formatted once a second.</summary>
    public ReadOnlySpan<byte> DateLine
    {
        get
        {
            var second = DateTime.UtcNow.Ticks / TimeSpan.TicksPerSecond;
            if (second != dateSecond)
            {
                dateSecond = second;
                dateLine = Encoding.ASCII.GetBytes($"Date: {DateTime.UtcNow:R}\r\n");
            }
            return dateLine;
        }
    }

    public void Start() => thread.Start();

    /// <summary>Stops accepting (the listener is being unbound); connections already here finish their work.</summary>
    public void StopAccepting()
    {
        unbinding = true;
        Signal();
    }

    public void Stop()
    {
        stopping = true;
        Signal();
        if (thread.IsAlive && Thread.CurrentThread != thread)
        {
            thread.Join(TimeSpan.FromSeconds(5));
        }
    }

    public void Resume(FastConnection connection)
    {
        resumed.Enqueue(connection);
        Signal();
    }

    public void Failed(Exception e) => logger.LogError(e, "The fast path's responder failed; the request goes to Kestrel.");

    private void Run()
    {
        var size = PackedEvents ? sizeof(EpollEventPacked) : sizeof(EpollEventAligned);
        var events = (byte*)NativeMemory.Alloc((nuint)(MaxEvents * size));
        var lastSweep = Stopwatch.GetTimestamp();
        try
        {
            while (!stopping)
            {
                var n = EpollWait(epoll, events, MaxEvents, 500);
                Now = Stopwatch.GetTimestamp();
                for (var i = 0; i < n && !stopping; i++)
                {
                    uint flags;
                    ulong data;
                    if (PackedEvents)
                    {
                        var e = (EpollEventPacked*)(events + (i * size));
                        (flags, data) = (e->Events, e->Data);
                    }
                    else
                    {
                        var e = (EpollEventAligned*)(events + (i * size));
                        (flags, data) = (e->Events, e->Data);
                    }
                    if (data == ListenerTag)
                    {
                        AcceptOne();
                    }
                    else if (data == WakeTag)
                    {
                        Drain();
                    }
                    else if (connections.TryGetValue((int)data, out var connection))
                    {
                        if ((flags & (EPOLLERR | EPOLLHUP)) != 0)
                        {
                            Close(connection);
                        }
                        else
                        {
                            Pump(connection, (flags & (EPOLLIN | EPOLLRDHUP)) != 0);
                        }
                    }
                }
                if (Now - lastSweep >= Stopwatch.Frequency / 2)
                {
                    lastSweep = Now;
                    Sweep();
                }
            }
        }
        catch (Exception e)
        {
            logger.LogCritical(e, "A fast-path event loop failed; its connections are closed.");
        }
        finally
        {
            foreach (var connection in connections.Values.ToList())
            {
                Close(connection);
            }
            NativeMemory.Free(events);
            lock (wakeLock)
            {
                wakeClosed = true;
                LinuxSockets.Close(wake);
            }
            LinuxSockets.Close(epoll);
        }
    }

    /// <summary>
    /// One connection per wake-up (nginx's "multi_accept off"): the listener is level-triggered, so another pending
    /// connection wakes a loop again, often the other one. Taking every pending connection at once piles a burst of
    /// clients on whichever loop woke first, and that loop then limits them all.
    /// </summary>
    private void AcceptOne()
    {
        var address = stackalloc byte[128];
        while (listening)
        {
            var length = 128;
            var fd = Accept(listener.Fd, address, &length, SOCK_NONBLOCK | SOCK_CLOEXEC);
            if (fd < 0)
            {
                var errno = Errno;
                if (errno is EINTR or ECONNABORTED)
                {
                    continue;
                }
                if (errno != EAGAIN)
                {
                    // Out of descriptors or memory: the listener stays readable, so stop watching it for a moment
                    // rather than spin on it (nginx does the same); the sweep watches it again.
                    logger.LogWarning("accept4 failed with errno {Errno}; accepting again in half a second.", errno);
                    Control(epoll, EPOLL_CTL_DEL, listener.Fd, 0, 0);
                    acceptPaused = true;
                }
                return;
            }
            var one = 1;
            SetSockOpt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(int));
            var peer = PeerAddress(address, length);
            var trusted = peer is not null && options.TrustedProxies.Contains(peer);
            var connection = new FastConnection(fd, peer?.ToString() ?? "unknown", trusted, Now);
            connections[fd] = connection;
            if (Control(epoll, EPOLL_CTL_ADD, fd, EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET, (ulong)fd) != 0)
            {
                Close(connection);
                continue;
            }
            Pump(connection, readable: true);
            return;
        }
    }

    private void Pump(FastConnection connection, bool readable)
    {
        FastConnection.Outcome outcome;
        try
        {
            outcome = connection.Pump(this, readable);
        }
        catch (Exception e)
        {
            // One connection's failure must not stop the loop that serves all the others.
            logger.LogError(e, "A fast-path connection failed and is closed.");
            outcome = FastConnection.Outcome.Close;
        }
        switch (outcome)
        {
            case FastConnection.Outcome.Close:
                Close(connection);
                break;
            case FastConnection.Outcome.HandOff:
                HandOff(connection);
                break;
        }
    }

    private void Drain()
    {
        ulong value;
        Read(wake, (byte*)&value, sizeof(ulong));
        while (resumed.TryDequeue(out var connection))
        {
            if (connections.TryGetValue(connection.Fd, out var current) && ReferenceEquals(current, connection))
            {
                connection.Resume();
                Pump(connection, readable: true);
            }
        }
        if (unbinding && listening)
        {
            listening = false;
            if (!acceptPaused)
            {
                Control(epoll, EPOLL_CTL_DEL, listener.Fd, 0, 0);
            }
        }
    }

    private void Sweep()
    {
        if (acceptPaused && listening && !unbinding)
        {
            acceptPaused = false;
            Control(epoll, EPOLL_CTL_ADD, listener.Fd, EPOLLIN | EPOLLEXCLUSIVE, ListenerTag);
        }
        var handOffTicks = (long)(options.IdleHandOff.TotalSeconds * Stopwatch.Frequency);
        var keepAliveTicks = (long)(options.KeepAliveTimeout.TotalSeconds * Stopwatch.Frequency);
        var windowTicks = (long)(options.RateWindow.TotalSeconds * Stopwatch.Frequency);
        List<(FastConnection, bool)>? due = null;
        foreach (var connection in connections.Values)
        {
            if (connection.IsPending && Now - connection.LastActivity >= handOffTicks)
            {
                (due ??= []).Add((connection, true));
            }
            else if (connection.IsKeptAlive && Now - connection.LastActivity >= keepAliveTicks)
            {
                (due ??= []).Add((connection, false));
            }
            else if (connection.TooSlow(Now, windowTicks, options.MinSendBytesPerSecond))
            {
                (due ??= []).Add((connection, false));
            }
        }
        foreach (var (connection, handOff) in due ?? [])
        {
            if (handOff)
            {
                HandOff(connection);
            }
            else
            {
                Close(connection);
            }
        }
    }

    private void HandOff(FastConnection connection)
    {
        connections.Remove(connection.Fd);
        Control(epoll, EPOLL_CTL_DEL, connection.Fd, 0, 0);
        connection.Release();
        Metrics.HandedOff();
        if (!listener.HandOff(connection.Fd))
        {
            LinuxSockets.Close(connection.Fd);
        }
    }

    private void Close(FastConnection connection)
    {
        connections.Remove(connection.Fd);
        connection.Release();
        LinuxSockets.Close(connection.Fd);
    }

    private void Signal()
    {
        // Under the lock: once the loop has closed its eventfd the number may belong to another file.
        lock (wakeLock)
        {
            if (!wakeClosed)
            {
                ulong one = 1;
                Write(wake, (byte*)&one, sizeof(ulong));
            }
        }
    }

    private static IPAddress? PeerAddress(byte* address, int length)
    {
        var family = *(ushort*)address;
        return family switch
        {
            2 when length >= 8 => new IPAddress(new ReadOnlySpan<byte>(address + 4, 4)),
            10 when length >= 28 => new IPAddress(new ReadOnlySpan<byte>(address + 8, 16), *(uint*)(address + 24)),
            _ => null,
        };
    }

    private static void Check(int result)
    {
        if (result != 0)
        {
            throw new IOException($"The fast path could not set up epoll (errno {Errno}).");
        }
    }
}
