using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Live;

/// <summary>A host with the live role for the admin tests, each with its own channel.</summary>
public sealed class LiveAdminHostFixture : IAsyncLifetime
{
    public TestHost Host { get; private set; } = null!;
    public int RtmpPort { get; private set; }
    public TestUser Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await LiveTestKit.StartHostAsync();
        RtmpPort = await Host.RtmpPortAsync();
        Admin = await Host.CreateAdminAsync();
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
