using Framecast.Features.Videos;
using Framecast.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Framecast.Tests.Support;

/// <summary>Uploads arrive in a later capability; until then tests create videos through the service layer.</summary>
public static class VideoSeeding
{
    public static Task<Video> CreateVideoAsync(this TestHost host, TestUser owner, string title = "A video",
        Visibility visibility = Visibility.Public, VideoStatus status = VideoStatus.Ready, string description = "", string[]? tags = null) =>
        host.WithScopeAsync(sp => sp.GetRequiredService<VideosService>()
            .CreateAsync(owner.Id, new NewVideo(title, description, tags, visibility), status, CancellationToken.None));

    public static Task SetVideoAsync(this TestHost host, string id, Action<Video> change) =>
        host.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<FramecastDbContext>();
            var video = await db.Videos.SingleAsync(v => v.Id == id);
            change(video);
            return await db.SaveChangesAsync();
        });

    public static Task<Video?> FindVideoRowAsync(this TestHost host, string id) =>
        host.WithScopeAsync(sp => sp.GetRequiredService<FramecastDbContext>().Videos.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id));

    public static Task<int> CountCommentsAsync(this TestHost host, string videoId) =>
        host.WithScopeAsync(sp => sp.GetRequiredService<FramecastDbContext>().Comments.CountAsync(c => c.VideoId == videoId));
}
