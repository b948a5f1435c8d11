using Framecast.Features.Live;
using Framecast.Features.Live.Recordings;
using Framecast.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Framecast.Features.Chat;

/// <summary>
/// A broadcast's chat becomes its recording's danmaku: each message at the point of the recording where it was said
/// (reconnect gaps are not in the recording, so messages sent during one land where the broadcast picked up again).
/// </summary>
public sealed class ChatRecordingStep(FramecastDbContext db) : ILiveRecordingStep
{
    public async Task OnRecordedAsync(LiveSession session, string videoId, LiveTimeline timeline, CancellationToken cancellationToken)
    {
        var messages = await db.Set<ChatMessage>().AsNoTracking().Where(m => m.SessionId == session.Id).OrderBy(m => m.SentAt).ToListAsync(cancellationToken);
        foreach (var message in messages)
        {
            db.Add(new Danmaku
            {
                // The message's id: a re-run of the recording job cannot carry the chat over twice.
                Id = message.Id,
                VideoId = videoId,
                AuthorId = message.AuthorId,
                OffsetMs = timeline.OffsetMsOf(message.SentAt),
                Text = message.Text,
                Mode = message.Mode,
                Color = message.Color,
                Size = "normal",
                SentAt = message.SentAt,
            });
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
