namespace Framecast.Infrastructure.Http.FastPath;

public enum FastDecision
{
    /// <summary>The response is filled in; the fast path sends it.</summary>
    Respond,

    /// <summary>Kestrel takes the connection from this request on, with the request still unread.</summary>
    HandOff,

    /// <summary>Ask again once <see cref="FastResponse.WaitFor"/> completes (e.g. a cache miss being loaded).</summary>
    Wait,
}
