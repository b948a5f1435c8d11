using System.Diagnostics;
using Framecast.Infrastructure.Http.SendFile;
using static Framecast.Infrastructure.Http.FastPath.LinuxSockets;

namespace Framecast.Infrastructure.Http.FastPath;

/// <summary>
/// One accepted connection while the fast path owns it. Touched only by its event loop's thread. A request is first
/// peeked (MSG_PEEK), and consumed only once the fast path has decided to answer it, so a connection handed to Kestrel
/// still holds every byte of the request Kestrel is to answer.
/// </summary>
internal sealed unsafe class FastConnection(int fd, string clientAddress, bool trustedPeer, long now)
{
    private enum State
    {
        Reading,
        Sending,
        Waiting,
    }

    private readonly FastResponse response = new();
    private State state = State.Reading;
    private int headSent;
    private bool resumed;
    private bool mayRead = true;
    private bool partialHead;
    private long windowStart = now;
    private long windowBytes;

    public int Fd { get; } = fd;

    public long LastActivity { get; private set; } = now;

    /// <summary>Between requests with nothing of the next one here yet: a kept-alive connection.</summary>
    public bool IsKeptAlive => state == State.Reading && !partialHead;

    /// <summary>Part of a request head has come, or the responder is being waited for.</summary>
    public bool IsPending => (state == State.Reading && partialHead) || state == State.Waiting;

    public enum Outcome
    {
        Continue,
        Close,
        HandOff,
    }

    /// <summary>Does all the work the socket allows now: finish sending, then read and answer further requests.</summary>
    /// <param name="readable">The wake-up said bytes arrived (or the peer closed).</param>
    public Outcome Pump(EventLoop loop, bool readable)
    {
        // Edge-triggered: every arrival raises an event, so after reading all there was, nothing need be tried until
        // the next one (as nginx's "ready" flag): saves a failing recv per request.
        mayRead |= readable;
        while (true)
        {
            switch (state)
            {
                case State.Waiting:
                    return Outcome.Continue;
                case State.Sending:
                    var sent = Send(loop);
                    if (sent != Outcome.Continue || state == State.Sending)
                    {
                        return sent;
                    }
                    continue;
            }
            if (!mayRead)
            {
                return Outcome.Continue;
            }
            var peeked = Peek(loop.Buffer);
            if (peeked <= 0)
            {
                mayRead = false;
                partialHead = false;
                return peeked == 0 ? Outcome.Close : peeked == -EAGAIN ? Outcome.Continue : Outcome.Close;
            }
            var result = RequestHeadParser.Parse(loop.Buffer.AsSpan(0, (int)peeked), out var headLength, out var head);
            if (result == RequestHeadParser.Result.Incomplete)
            {
                // Room left: wait for the rest. A head filling the buffer is Kestrel's (it allows larger ones, or says 431).
                if (!partialHead)
                {
                    partialHead = true;
                    LastActivity = loop.Now; // the hand-off clock runs from the head's first bytes
                }
                return peeked < loop.Buffer.Length ? Outcome.Continue : Outcome.HandOff;
            }
            partialHead = false;
            if (result == RequestHeadParser.Result.HandOff || (head.Forwarded && trustedPeer))
            {
                return Outcome.HandOff;
            }
            response.Clear();
            FastDecision decision;
            try
            {
                decision = loop.Responder.Decide(new FastRequest(head.IsHead, head.Target, head.Range, clientAddress), response);
            }
            catch (Exception e)
            {
                loop.Failed(e);
                decision = FastDecision.HandOff;
            }
            if (decision == FastDecision.HandOff)
            {
                response.Clear();
                return Outcome.HandOff;
            }
            if (decision == FastDecision.Wait)
            {
                var wait = response.WaitFor;
                response.Clear();
                // Waiting twice for one request (say, a cache too full to keep the answer) would go round forever.
                if (wait is null || resumed)
                {
                    return Outcome.HandOff;
                }
                state = State.Waiting;
                LastActivity = loop.Now;
                wait.ContinueWith(static (_, o) => ((EventLoopResume)o!).Post(), new EventLoopResume(loop, this), TaskScheduler.Default);
                return Outcome.Continue;
            }
            if (!Consume(loop.Buffer, headLength))
            {
                return Outcome.Close;
            }
            // All that had arrived is taken (a full peek buffer may hide more); later bytes raise a new event.
            mayRead = headLength < peeked || peeked == loop.Buffer.Length;
            resumed = false;
            response.EndHead(loop.DateLine);
            headSent = 0;
            state = State.Sending;
            LastActivity = loop.Now;
            windowStart = loop.Now;
            windowBytes = 0;
            loop.Metrics.Responded();
        }
    }

    /// <summary>Back from <see cref="State.Waiting"/>: the request is still unread in the socket and is decided anew.</summary>
    public void Resume()
    {
        state = State.Reading;
        resumed = true;
        mayRead = true; // the request waited for is still unread
    }

    /// <summary>Aborts a response that has sent too little over the last window (a stalled or trickling reader).</summary>
    public bool TooSlow(long now, long windowTicks, double minBytesPerSecond)
    {
        if (state != State.Sending || now - windowStart < windowTicks)
        {
            return false;
        }
        var slow = windowBytes < minBytesPerSecond * (now - windowStart) / Stopwatch.Frequency;
        windowStart = now;
        windowBytes = 0;
        return slow;
    }

    public void Release() => response.Clear();

    private Outcome Send(EventLoop loop)
    {
        while (headSent < response.HeadLength)
        {
            nint n;
            fixed (byte* head = response.Head)
            {
                var more = response.Length > 0 ? MSG_MORE : 0;
                n = LinuxSockets.Send(Fd, head + headSent, response.HeadLength - headSent, MSG_NOSIGNAL | more);
            }
            if (n < 0)
            {
                var errno = Errno;
                if (errno == EINTR)
                {
                    continue;
                }
                return errno == EAGAIN ? Outcome.Continue : Outcome.Close;
            }
            headSent += (int)n;
            windowBytes += n;
        }
        while (response.Length > 0)
        {
            var added = false;
            try
            {
                response.File!.DangerousAddRef(ref added);
                var offset = response.Offset;
                var n = LinuxSendFile.Send(Fd, (int)response.File.DangerousGetHandle(), ref offset, (nuint)Math.Min(response.Length, 1L << 30));
                if (n > 0)
                {
                    response.Offset = offset;
                    response.Length -= n;
                    windowBytes += n;
                    loop.SendFileMetrics.Sent(n);
                    continue;
                }
                if (n == 0)
                {
                    return Outcome.Close; // the file shrank under us; the promised Content-Length cannot be kept
                }
                var errno = Errno;
                if (errno == EINTR)
                {
                    continue;
                }
                return errno == EAGAIN ? Outcome.Continue : Outcome.Close;
            }
            finally
            {
                if (added)
                {
                    response.File!.DangerousRelease();
                }
            }
        }
        response.Clear();
        state = State.Reading;
        LastActivity = loop.Now;
        return Outcome.Continue;
    }

    private nint Peek(byte[] buffer)
    {
        while (true)
        {
            nint n;
            fixed (byte* b = buffer)
            {
                n = Receive(Fd, b, buffer.Length, MSG_PEEK);
            }
            if (n >= 0)
            {
                return n;
            }
            var errno = Errno;
            if (errno != EINTR)
            {
                return -errno;
            }
        }
    }

    private bool Consume(byte[] buffer, int count)
    {
        var done = 0;
        while (done < count)
        {
            nint n;
            fixed (byte* b = buffer)
            {
                n = Receive(Fd, b, count - done, 0);
            }
            if (n <= 0 && !(n < 0 && Errno == EINTR))
            {
                return false; // the bytes were just peeked; they cannot be missing unless the socket broke
            }
            done += (int)Math.Max(n, 0);
        }
        return true;
    }

    private sealed class EventLoopResume(EventLoop loop, FastConnection connection)
    {
        public void Post() => loop.Resume(connection);
    }
}
