namespace Framecast.Tests.Support;

/// <summary>Waits for an asynchronous outcome (a background job) with a generous bound; never a timing assertion.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string because, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting until {because}");
            }
            await Task.Delay(50);
        }
    }
}
