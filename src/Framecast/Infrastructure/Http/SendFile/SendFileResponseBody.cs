using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace Framecast.Infrastructure.Http.SendFile;

/// <summary>
/// The response body of a file download. On a plain HTTP/1.x connection with a <see cref="SocketOutput"/> the file
/// goes out with sendfile(2): Kestrel is handed placeholder bytes for the body (so its Content-Length accounting
/// holds) that the connection's sender drops, sending the file region in their place. Anywhere else (HTTP/2, TLS, a
/// test server) it is Kestrel's own send-file path, with <c>RequestAborted</c>, which <c>PhysicalFile</c> does not
/// pass on its own: without it a viewer who leaves would keep the server reading the rest of the file.
/// </summary>
public sealed class SendFileResponseBody(IHttpResponseBodyFeature inner, HttpContext http) : IHttpResponseBodyFeature
{
    // Placeholders are only pipe bookkeeping (no bytes are copied), so large steps cost nothing.
    private const int PlaceholderStep = 1024 * 1024;

    public Stream Stream => inner.Stream;

    public PipeWriter Writer => inner.Writer;

    public static void Install(HttpContext http) =>
        http.Features.Set<IHttpResponseBodyFeature>(new SendFileResponseBody(http.Features.GetRequiredFeature<IHttpResponseBodyFeature>(), http));

    public void DisableBuffering() => inner.DisableBuffering();

    public Task StartAsync(CancellationToken cancellationToken = default) => inner.StartAsync(cancellationToken);

    public Task CompleteAsync() => inner.CompleteAsync();

    public async Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default)
    {
        var token = cancellationToken.CanBeCanceled ? cancellationToken : http.RequestAborted;
        var output = http.Features.Get<SocketOutput>();
        if (output is null || http.Request.IsHttps || !(HttpProtocol.IsHttp11(http.Request.Protocol) || HttpProtocol.IsHttp10(http.Request.Protocol)))
        {
            await inner.SendFileAsync(path, offset, count, token);
            return;
        }
        // Opened before the headers go, so a file that vanished is still an ordinary error response.
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0, FileOptions.Asynchronous);
        var length = count ?? file.Length - offset;
        if (offset < 0 || length < 0 || offset + length > file.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), "The range lies outside the file.");
        }
        await inner.StartAsync(token);
        await inner.Writer.FlushAsync(token);
        if (length == 0)
        {
            return;
        }
        var region = output.TryQueue(file, offset, length) ?? throw new OperationCanceledException("The connection has failed.");
        for (var left = length; left > 0;)
        {
            var step = (int)Math.Min(left, PlaceholderStep);
            inner.Writer.GetMemory(step);
            inner.Writer.Advance(step);
            left -= step;
            var flushed = await inner.Writer.FlushAsync(token);
            if (flushed.IsCompleted)
            {
                throw new OperationCanceledException("The connection closed.");
            }
        }
        await region.Sent.WaitAsync(token);
    }
}
