namespace Framecast.BrowserTests.Support;

/// <summary>A test's own failure with what the browser and the server were doing at the time appended.</summary>
public sealed class BrowserTestFailure(string context, Exception inner)
    : Exception($"{inner.Message}\n\n--- context ---\n{context}", inner);
