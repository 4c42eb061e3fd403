using System.Diagnostics;

namespace AccountGrains.Fencing.Fencing;

/// <summary>
/// What this silo can prove about its own lease, by <see cref="Stopwatch"/> (monotonic: it keeps counting while the
/// process is paused, so a silo resumed after SIGSTOP sees at once that its window closed, before any timer fires).
/// </summary>
/// <remarks>
/// A renewal sent at <c>t</c> that succeeds lets the silo serve until <c>t + LeaseDuration − SafetyMargin</c>. The
/// database stamps the renewal later than <c>t</c> and others wait until <c>LeaseDuration</c> after that stamp by its
/// clock, so this silo stops at least <c>SafetyMargin</c> before anyone may take its grains (clock rates agreeing).
/// A successful renewal reopens a lapsed window: the renewal is refused by the database once the lease expired
/// or the membership table declared the silo dead, so a renewal that succeeds proves nobody took over.
/// </remarks>
internal sealed class SiloLease(ClusterFencingOptions options) : ISiloFencing
{
    private readonly Lock _gate = new();
    private readonly long _window = (long)(options.ServingWindow.TotalSeconds * Stopwatch.Frequency);

    // Half the margin: an answer finished by then was committed before the lease could expire at the database;
    // the other half still covers a difference in clock rates.
    private readonly long _answerGrace = (long)(options.SafetyMargin.TotalSeconds / 2 * Stopwatch.Frequency);
    private long _servingUntil = long.MinValue;
    private volatile bool _lost;

    /// <inheritdoc />
    public bool IsServing => Stopwatch.GetTimestamp() < Volatile.Read(ref _servingUntil);

    /// <summary>
    /// Whether a call that was admitted while serving may still return its answer now: the window closed less than
    /// half the <see cref="ClusterFencingOptions.SafetyMargin"/> ago, so nobody can have taken over yet.
    /// </summary>
    public bool AnswerIsFresh
    {
        get
        {
            var until = Volatile.Read(ref _servingUntil);
            return until != long.MinValue && Stopwatch.GetTimestamp() < until + _answerGrace;
        }
    }

    /// <summary>The lease was lost, released or the silo found itself dead: it never serves again.</summary>
    public bool IsLost => _lost;

    /// <summary>How long ago (by the monotonic clock) the serving window closed; zero while serving.</summary>
    public TimeSpan SinceWindowClosed
    {
        get
        {
            var until = Volatile.Read(ref _servingUntil);
            var now = Stopwatch.GetTimestamp();
            return until == long.MinValue || now < until ? TimeSpan.Zero : Stopwatch.GetElapsedTime(until, now);
        }
    }

    /// <summary>A renewal (or the acquisition) sent at <paramref name="sentAt"/> (a <see cref="Stopwatch"/> timestamp) succeeded.</summary>
    public void Renewed(long sentAt)
    {
        lock (_gate)
        {
            var until = sentAt + _window;
            if (!_lost && until > _servingUntil)
            {
                Volatile.Write(ref _servingUntil, until);
            }
        }
    }

    /// <summary>Stops serving for good.</summary>
    public void Lose()
    {
        lock (_gate)
        {
            _lost = true;
            Volatile.Write(ref _servingUntil, long.MinValue);
        }
    }
}
