using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Framecast.Infrastructure.Http.SendFile;

public static class SocketOutputMiddleware
{
    /// <summary>
    /// Gives every TCP connection of this endpoint a <see cref="SocketOutput"/> (a connection feature, visible to
    /// requests through <c>HttpContext.Features</c>). Must come before any TLS on the endpoint: responses over TLS
    /// carry encrypted bytes, and <see cref="SendFileResponseBody"/> then keeps to Kestrel's own path.
    /// </summary>
    public static void UseSocketOutput(this ListenOptions listen)
    {
        var metrics = listen.ApplicationServices.GetRequiredService<SendFileMetrics>();
        listen.Use(next => async connection => await RunAsync(connection, next, listen.KestrelServerOptions.Limits, metrics));
    }

    private static async Task RunAsync(ConnectionContext connection, ConnectionDelegate next, KestrelServerLimits limits, SendFileMetrics metrics)
    {
        var socket = connection.Features.Get<IConnectionSocketFeature>()?.Socket;
        if (socket is null)
        {
            await next(connection);
            return;
        }
        var original = connection.Transport;
        var output = new SocketOutput(socket, connection, connection.Features.Get<IMemoryPoolFeature>()?.MemoryPool, limits, metrics);
        connection.Features.Set(output);
        connection.Transport = new DuplexPipe(original.Input, output.Writer);
        var sending = output.RunAsync();
        try
        {
            await next(connection);
        }
        finally
        {
            await output.Writer.CompleteAsync();
            await sending;
            connection.Transport = original;
        }
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input => input;

        public PipeWriter Output => output;
    }
}
