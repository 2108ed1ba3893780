/**
 * The verified core of consensus: Tendermint (Buchman, Kwon, Milosevic, "The latest gossip on
 * BFT consensus", 2018, Algorithm 1) as a deterministic state machine per validator, the Java
 * image of {@code spec/consensus/Tendermint.tla} (how they differ in form: README.md in this
 * package). No I/O, no clocks, no threads, no randomness: inputs are
 * {@link dev.bulwark.consensus.Input}s (start, received message, timeout, commit certificate),
 * outputs are {@link dev.bulwark.consensus.Outputs} (messages to broadcast, timers to schedule,
 * decisions, evidence). The shell ({@code dev.bulwark.net}) checks signatures and bounds first.
 *
 * <p>Pieces: {@link dev.bulwark.consensus.ValidatorSet} (power, exact thresholds),
 * {@link dev.bulwark.consensus.ProposerSelection}, {@link dev.bulwark.consensus.VoteKeeper}
 * (tallies and equivocation per height), {@link dev.bulwark.consensus.EvidenceDetector},
 * {@link dev.bulwark.consensus.CertificateChecker}, {@link dev.bulwark.consensus.Validator}
 * (the rules and the driver).
 *
 * <p>One spec action = one method = one JML contract ({@code requires} = guard = the pure
 * {@code canXxx}, whose {@code xxxRefusal} names the first failing conjunct):
 * <table>
 *   <caption>Spec actions, methods, paper lines, tests</caption>
 *   <tr><th>TLA+ action</th><th>method</th><th>lines</th><th>tests (ValidatorRulesTest)</th></tr>
 *   <tr><td>InsertProposal(p, v)</td><td>insertProposal(v)</td><td>14-19</td>
 *       <td>line14_*, line16_proposerReproposesItsValidValue, line18_*</td></tr>
 *   <tr><td>UponProposalInPropose(p, v)</td><td>uponProposalInPropose(v)</td><td>22-27</td>
 *       <td>line22_*, line24_*</td></tr>
 *   <tr><td>UponProposalInProposeAndPrevote(p, v, vr)</td><td>uponProposalInProposeAndPrevote(v, vr)</td>
 *       <td>28-33</td><td>line28_*, line30_*</td></tr>
 *   <tr><td>(folded into OnTimeoutPrevote)</td><td>uponQuorumOfPrevotesAny()</td><td>34-35</td><td>line34_*</td></tr>
 *   <tr><td>UponProposalInPrevoteOrCommitAndPrevote(p, v, vr)</td>
 *       <td>uponProposalInPrevoteOrCommitAndPrevote(v, vr)</td><td>36-43</td><td>line36_*, line42_*</td></tr>
 *   <tr><td>UponQuorumOfPrevotesNil(p)</td><td>uponQuorumOfPrevotesNil()</td><td>44-46</td><td>line44_*</td></tr>
 *   <tr><td>(folded into OnTimeoutPrecommit)</td><td>uponQuorumOfPrecommitsAny()</td><td>47-48</td><td>line47_*</td></tr>
 *   <tr><td>UponProposalInPrecommitNoDecision(p, v, r)</td><td>uponProposalInPrecommitNoDecision(v, r)</td>
 *       <td>49-54</td><td>line49_*</td></tr>
 *   <tr><td>OnRoundCatchup(p, r)</td><td>onRoundCatchup(r)</td><td>55-56</td><td>line55_*</td></tr>
 *   <tr><td>OnTimeoutPropose(p)</td><td>onTimeoutPropose()</td><td>57-60</td><td>line57_*</td></tr>
 *   <tr><td>OnTimeoutPrevote(p)</td><td>onTimeoutPrevote()</td><td>61-64</td><td>line61_*</td></tr>
 *   <tr><td>OnTimeoutPrecommit(p)</td><td>onTimeoutPrecommit()</td><td>65-67</td><td>line65_*</td></tr>
 *   <tr><td>Catchup(p, h, r, v)</td><td>catchup(Certificate)</td><td>recovery</td><td>catchup_*</td></tr>
 *   <tr><td>JoinAt(p, h, r, v)</td><td>static atBase(ConsensusConfig, int, Certificate, Message[])</td><td>state sync</td><td>DecisionWindowTest</td></tr>
 *   <tr><td>StartRound (helper)</td><td>startRound(r)</td><td>10-13, 21</td><td>line21_*</td></tr>
 *   <tr><td>(Init: driver start, no spec variable)</td><td>start(), Input.Start (once per object)</td><td>10, 21</td>
 *       <td>EquivocationSafetyTest</td></tr>
 * </table>
 *
 * <p>The driver ({@link dev.bulwark.consensus.Validator#step}) changes spec variables only through
 * the action methods, so a correct validator's (height, round, step) never goes back (the spec's
 * StepMonotone) and it signs at most one message per (type, height, round) whatever it is fed;
 * inputs that would allow otherwise (a second Start, a message claiming the validator's own
 * index, a timeout never scheduled, a certificate that cannot be applied) are refused with a
 * typed {@link dev.bulwark.consensus.ConsensusException}. Bounds and the restore rule: README.md.
 *
 * <p>State: {@link dev.bulwark.consensus.ValidatorState} is the snapshot of the spec variables
 * of one validator; {@link dev.bulwark.consensus.Validator#fromState} loads any (reachable) spec
 * state with a set of received messages.
 */
package dev.bulwark.consensus;
