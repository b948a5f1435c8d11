using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Framecast.Infrastructure.Http.SendFile;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace Framecast.Infrastructure.Http.FastPath;

/// <summary>
/// A Kestrel listener whose connections first meet the fast path's event loops. Kestrel only ever accepts the
/// connections the loops hand over (anything not a fast-path request, or idle for a while), as ordinary socket
/// connections with the unread request still in the socket.
/// </summary>
internal sealed class FastPathListener : IConnectionListener
{
    private readonly Socket socket;
    private readonly EventLoop[] loops;
    private readonly Channel<Socket> handedOff = Channel.CreateUnbounded<Socket>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SocketConnectionContextFactory contexts;
    private int unbound;

    public FastPathListener(IPEndPoint endpoint, FastPathOptions options, IFastResponder responder, FastPathMetrics metrics,
        SendFileMetrics sendFileMetrics, SocketTransportOptions socketOptions, ILoggerFactory loggers)
    {
        socket = SocketTransportOptions.CreateDefaultBoundListenSocket(endpoint);
        socket.Listen(socketOptions.Backlog);
        socket.Blocking = false;
        EndPoint = socket.LocalEndPoint!;
        Fd = (int)socket.SafeHandle.DangerousGetHandle();
        var logger = loggers.CreateLogger("Framecast.Infrastructure.Http.FastPath");
        contexts = new SocketConnectionContextFactory(new SocketConnectionFactoryOptions
        {
            IOQueueCount = socketOptions.IOQueueCount,
            WaitForDataBeforeAllocatingBuffer = socketOptions.WaitForDataBeforeAllocatingBuffer,
            MaxReadBufferSize = socketOptions.MaxReadBufferSize,
            MaxWriteBufferSize = socketOptions.MaxWriteBufferSize,
            UnsafePreferInlineScheduling = socketOptions.UnsafePreferInlineScheduling,
        }, logger);
        loops = new EventLoop[options.Loops];
        for (var i = 0; i < loops.Length; i++)
        {
            loops[i] = new EventLoop(this, i, options, responder, metrics, sendFileMetrics, logger);
        }
        foreach (var loop in loops)
        {
            loop.Start();
        }
    }

    public EndPoint EndPoint { get; }

    internal int Fd { get; }

    /// <summary>Gives Kestrel a connection; false once the listener is unbound (the caller then closes it).</summary>
    internal bool HandOff(int fd)
    {
        if (Volatile.Read(ref unbound) != 0)
        {
            return false;
        }
        return handedOff.Writer.TryWrite(new Socket(new SafeSocketHandle(fd, ownsHandle: true)));
    }

    public async ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var accepted = await handedOff.Reader.ReadAsync(cancellationToken);
            return contexts.Create(accepted);
        }
        catch (ChannelClosedException)
        {
            return null;
        }
    }

    public ValueTask UnbindAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref unbound, 1) == 0)
        {
            foreach (var loop in loops)
            {
                loop.StopAccepting();
            }
            handedOff.Writer.TryComplete();
            while (handedOff.Reader.TryRead(out var pending))
            {
                pending.Dispose();
            }
        }
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await UnbindAsync();
        foreach (var loop in loops)
        {
            loop.Stop();
        }
        socket.Dispose();
        contexts.Dispose();
    }
}
