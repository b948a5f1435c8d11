using System.Text.Json;
using Framecast.Features.Accounts;
using Framecast.Features.Comments;
using Framecast.Features.Videos;
using Framecast.Infrastructure.Jobs;

namespace Framecast.Features.Notifications;

/// <summary>Handles Comments' <see cref="CommentReplied"/>: the parent comment's author hears of the reply (never of their own).</summary>
public sealed class ReplyNotifier(CommentsService comments, VideosService videos, UserDirectory users, NotificationWriter writer) : IJobHandler
{
    public async Task RunAsync(JobLease job, CancellationToken cancellationToken)
    {
        var replied = JsonSerializer.Deserialize<CommentReplied>(job.Payload, JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException($"Empty {CommentReplied.JobType} payload");
        if (await comments.FindWithParentAuthorAsync(replied.CommentId, cancellationToken) is not var (reply, parentAuthorId)
            || parentAuthorId is null || parentAuthorId == reply.AuthorId)
        {
            return;
        }
        var video = await videos.FindForPlaybackAsync(reply.VideoId, cancellationToken);
        var author = await users.GetSummaryAsync(reply.AuthorId, cancellationToken);
        await writer.ToUserAsync(parentAuthorId, new NotificationDraft(NotificationTypes.Reply, reply.Id, author.Username,
            VideoId: reply.VideoId, VideoTitle: video?.Title ?? "", CommentId: reply.Id, CommentExcerpt: NotificationDraft.Excerpt(reply.Content)), cancellationToken);
    }
}
