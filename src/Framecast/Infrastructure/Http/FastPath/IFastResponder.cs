namespace Framecast.Infrastructure.Http.FastPath;

/// <summary>
/// Decides requests for the fast path. Runs on an event-loop thread, so it must not block: anything that needs I/O
/// beyond opening a local file returns <see cref="FastDecision.Wait"/> with a task, or hands the request to Kestrel.
/// Whatever it cannot answer exactly as the ASP.NET Core endpoint would, it hands off.
/// </summary>
public interface IFastResponder
{
    FastDecision Decide(in FastRequest request, FastResponse response);
}
