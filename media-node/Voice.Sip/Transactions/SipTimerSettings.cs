namespace Voice.Sip.Transactions;

/// <summary>RFC 3261 timer base values (§17, Table 4). Tests shrink them; the derived timers scale with T1.</summary>
public sealed record SipTimerSettings
{
    /// <summary>RTT estimate (default 500 ms).</summary>
    public TimeSpan T1 { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Maximum retransmit interval for non-INVITE requests and INVITE responses (default 4 s).</summary>
    public TimeSpan T2 { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>Maximum time a message stays in the network (default 5 s).</summary>
    public TimeSpan T4 { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Timers B, F, H, J, L, M: 64·T1 (32 s by default).</summary>
    public TimeSpan TransactionTimeout => T1 * 64;
}
