package net.whoisd.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import net.whoisd.server.MovableClock;
import org.junit.jupiter.api.Test;

/** The guess budget with a clock the test moves: no sleeps. */
class GuessBudgetTest {
    private final MovableClock clock = new MovableClock(Instant.ofEpochMilli(1_000_000));

    private GuessBudget budget(int perClient, int perAccount, Duration window) {
        return new GuessBudget(new GuessBudget.Limits(perClient, perAccount, window), clock);
    }

    @Test
    void aClientGetsItsBudgetAndThenIsRefusedWhileOthersAreNot() {
        GuessBudget budget = budget(3, 100, Duration.ofMinutes(10));
        for (int i = 0; i < 3; i++) {
            assertFalse(budget.exhausted("192.0.2.1", "A-MNT"));
            assertTrue(budget.tryCharge("192.0.2.1", "A-MNT"));
        }
        assertTrue(budget.exhausted("192.0.2.1", "A-MNT"));
        assertTrue(budget.exhausted("192.0.2.1", "B-MNT"), "the client's budget covers every maintainer");
        assertFalse(budget.tryCharge("192.0.2.1", "B-MNT"));
        assertFalse(budget.exhausted("192.0.2.2", "A-MNT"), "another client is not affected");
        assertTrue(budget.tryCharge("192.0.2.2", "A-MNT"));
    }

    @Test
    void aMaintainersBudgetIsSharedByAllClients() {
        GuessBudget budget = budget(100, 2, Duration.ofMinutes(10));
        assertTrue(budget.tryCharge("192.0.2.1", "A-MNT"));
        assertTrue(budget.tryCharge("192.0.2.2", "A-MNT"));
        assertFalse(budget.tryCharge("192.0.2.3", "A-MNT"), "a third client finds the maintainer's budget empty");
        assertTrue(budget.exhausted("192.0.2.3", "A-MNT"));
        assertTrue(budget.tryCharge("192.0.2.3", "B-MNT"), "other maintainers are not affected");
    }

    @Test
    void aRefusedChargeTakesNothingFromTheOtherBudget() {
        GuessBudget budget = budget(1, 100, Duration.ofMinutes(10));
        assertTrue(budget.tryCharge("192.0.2.1", "A-MNT"));
        for (int i = 0; i < 50; i++) {
            assertFalse(budget.tryCharge("192.0.2.1", "B-MNT"));
        }
        GuessBudget shared = budget(100, 1, Duration.ofMinutes(10));
        assertTrue(shared.tryCharge("192.0.2.9", "A-MNT"));
        assertTrue(shared.tryCharge("192.0.2.9", "B-MNT"));
        assertTrue(shared.tryCharge("192.0.2.9", "C-MNT"), "refusals for A-MNT cost the client nothing");
    }

    @Test
    void aRefundGivesBackOnlyItsOwnGuess() {
        GuessBudget budget = budget(2, 100, Duration.ofMinutes(10));
        assertTrue(budget.tryCharge("192.0.2.1", "A-MNT")); // a failure
        assertTrue(budget.tryCharge("192.0.2.1", "B-MNT"));
        budget.refund("192.0.2.1", "B-MNT"); // that one matched
        assertTrue(budget.tryCharge("192.0.2.1", "A-MNT"));
        assertFalse(budget.tryCharge("192.0.2.1", "A-MNT"), "the success did not wipe out the earlier failure");
        budget.refund("192.0.2.7", "Z-MNT"); // nothing charged: nothing to give back, and no credit either
        assertTrue(budget.tryCharge("192.0.2.7", "Z-MNT"));
        assertTrue(budget.tryCharge("192.0.2.7", "Z-MNT"));
        assertFalse(budget.tryCharge("192.0.2.7", "Z-MNT"));
    }

    @Test
    void theBudgetFillsUpEvenlyOverTheWindow() {
        GuessBudget budget = budget(10, 100, Duration.ofMinutes(10));
        for (int i = 0; i < 10; i++) {
            assertTrue(budget.tryCharge("192.0.2.1", "A-MNT"));
        }
        assertFalse(budget.tryCharge("192.0.2.1", "A-MNT"));
        assertEquals(Duration.ofMinutes(1), budget.retryAfter("192.0.2.1", "A-MNT"));
        clock.advance(Duration.ofSeconds(59));
        assertTrue(budget.exhausted("192.0.2.1", "A-MNT"));
        assertEquals(Duration.ofSeconds(1), budget.retryAfter("192.0.2.1", "A-MNT"));
        clock.advance(Duration.ofSeconds(1));
        assertTrue(budget.tryCharge("192.0.2.1", "A-MNT"), "one guess a minute comes back");
        assertFalse(budget.tryCharge("192.0.2.1", "A-MNT"));
        clock.advance(Duration.ofHours(5));
        for (int i = 0; i < 10; i++) {
            assertTrue(budget.tryCharge("192.0.2.1", "A-MNT"));
        }
        assertFalse(budget.tryCharge("192.0.2.1", "A-MNT"), "a long pause fills the budget, never beyond it");
        assertEquals(Duration.ZERO, budget.retryAfter("192.0.2.2", "B-MNT"));
    }

    @Test
    void parallelChargesNeverExceedTheBudget() throws Exception {
        GuessBudget budget = budget(7, 1000, Duration.ofMinutes(10));
        AtomicInteger granted = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 50; i++) {
                    if (budget.tryCharge("192.0.2.1", "MNT-" + (i % 5))) {
                        granted.incrementAndGet();
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(7, granted.get());
    }

    @Test
    void limitsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new GuessBudget.Limits(0, 1, Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> new GuessBudget.Limits(1, 0, Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> new GuessBudget.Limits(1, 1, Duration.ZERO));
    }

    @Test
    void anIpv6ClientIsItsSlash64() {
        assertEquals(GuessBudget.clientKey("2001:db8:1:2::1"), GuessBudget.clientKey("2001:db8:1:2:ffff::9"));
        assertFalse(GuessBudget.clientKey("2001:db8:1:2::1").equals(GuessBudget.clientKey("2001:db8:1:3::1")));
        assertEquals("192.0.2.1", GuessBudget.clientKey("192.0.2.1"));
        assertEquals("mail from ann@example.net", GuessBudget.clientKey("mail from ann@example.net"));
    }
}
