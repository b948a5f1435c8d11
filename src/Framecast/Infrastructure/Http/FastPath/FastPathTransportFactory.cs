using System.Net;
using Framecast.Infrastructure.Http.SendFile;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Options;

namespace Framecast.Infrastructure.Http.FastPath;

/// <summary>
/// Kestrel's transport with the fast path in front of TCP endpoints (Linux): an nginx-style epoll loop answers the
/// requests an <see cref="IFastResponder"/> takes with sendfile(2), and hands every other connection to Kestrel.
/// Kestrel's own HTTP stack costs more per request than sending a whole media segment does (bench/delivery); this is
/// how the stream role keeps up with nginx. Other endpoints (Unix sockets), other systems, or the fast path turned off:
/// Kestrel's socket transport, unchanged.
/// </summary>
public sealed class FastPathTransportFactory(
    IOptions<SocketTransportOptions> socketOptions,
    IOptions<FastPathOptions> options,
    IFastResponder responder,
    FastPathMetrics metrics,
    SendFileMetrics sendFileMetrics,
    ILoggerFactory loggers) : IConnectionListenerFactory, IConnectionListenerFactorySelector
{
    private readonly SocketTransportFactory sockets = new(socketOptions, loggers);

    public ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        if (!options.Value.Enabled || !OperatingSystem.IsLinux() || endpoint is not IPEndPoint ip)
        {
            return sockets.BindAsync(endpoint, cancellationToken);
        }
        return ValueTask.FromResult<IConnectionListener>(new FastPathListener(ip, options.Value, responder, metrics, sendFileMetrics, socketOptions.Value, loggers));
    }

    public bool CanBind(EndPoint endpoint) => sockets.CanBind(endpoint);
}
