using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace Framecast.Features.Playback;

/// <summary>
/// <c>PhysicalFile</c> sends without a cancellation token, and Kestrel silently drops writes after a disconnect, so a
/// viewer who leaves would keep the server reading the rest of the file and holding a connection slot. This passes
/// <c>RequestAborted</c> to the send-file path instead (found by bench/delivery's slow readers).
/// </summary>
public sealed class AbortAwareResponseBody(IHttpResponseBodyFeature inner, CancellationToken requestAborted) : IHttpResponseBodyFeature
{
    public Stream Stream => inner.Stream;

    public PipeWriter Writer => inner.Writer;

    public static void Install(HttpContext http) =>
        http.Features.Set<IHttpResponseBodyFeature>(new AbortAwareResponseBody(http.Features.GetRequiredFeature<IHttpResponseBodyFeature>(), http.RequestAborted));

    public void DisableBuffering() => inner.DisableBuffering();

    public Task StartAsync(CancellationToken cancellationToken = default) => inner.StartAsync(cancellationToken);

    public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) =>
        inner.SendFileAsync(path, offset, count, cancellationToken.CanBeCanceled ? cancellationToken : requestAborted);

    public Task CompleteAsync() => inner.CompleteAsync();
}
