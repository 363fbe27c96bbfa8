package payments

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"cashpos/jpm"
	"cashpos/jpm/mock"
	"cashpos/model"
	"cashpos/store"
)

// The kill tests run a REAL second process: this test binary re-executed
// with PAYMENTS_KILL_CHILD set. The child opens the same state directory,
// talks to the parent's mock bank over loopback, and SIGKILLs itself at the
// chosen point — no deferred function, no flush, exactly as a crash or
// kill -9 would. The parent then "restarts": it opens the journal again and
// resumes, and checks that exactly one payment exists at the bank and the
// journal ends in its true status.

const childEnv = "PAYMENTS_KILL_CHILD"

func TestMain(m *testing.M) {
	if mode := os.Getenv(childEnv); mode != "" {
		os.Exit(runChild(mode))
	}
	os.Exit(m.Run())
}

// runChild is the second process. Its settings come from the environment.
func runChild(mode string) int {
	now, _ := time.Parse(time.RFC3339Nano, os.Getenv("PAYMENTS_KILL_NOW"))
	clock := func() time.Time { return now }
	base, dir := os.Getenv("PAYMENTS_KILL_URL"), os.Getenv("PAYMENTS_KILL_DIR")
	db, err := store.OpenDB(context.Background(), dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	client, err := jpm.New(jpm.Options{
		Endpoints: jpm.Endpoints{Balance: base + "/accessapi", BDA: base + "/account/v2", Token: base + mock.TokenPath, Payments: base + "/payment/v2"},
		ClientID:  mock.DefaultClientID, ClientSecret: mock.DefaultClientSecret, Now: clock,
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	kill := func(string) { syscall.Kill(os.Getpid(), syscall.SIGKILL); select {} }
	var bank Bank = client
	if mode == "after-send" {
		bank = killAfterSend{client, kill}
	}
	o := Options{Bank: bank, Journal: store.NewJournal(db), Audit: store.NewAudit(db, clock), Env: "demo",
		User: "analyst", Host: "jump1", Now: clock}
	if mode == "before-send" {
		o.BeforeSend = kill
	}
	eng, err := New(o)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	in := wire("4321.00", "123456789")
	in.ExecutionDate = model.Civil(now.In(model.PaymentLocation()))
	ids, _ := NewIDs()
	fmt.Println(ids.EndToEndID) // the parent reads it from stdout
	os.Stdout.Sync()
	if _, err := eng.Submit(context.Background(), in, ids, "4321.00"); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	if mode == "mid-polling" {
		eng.Step(context.Background(), ids.EndToEndID) // one poll, then the process dies in the middle of following it
		kill("")
	}
	return 0
}

// killAfterSend dies the moment the bank's answer is in, before the engine
// can journal it: the payment exists at the bank, the journal says only
// SUBMITTING.
type killAfterSend struct {
	*jpm.Client
	kill func(string)
}

func (k killAfterSend) SubmitPayment(ctx context.Context, s jpm.PaymentSubmission, _ func(model.PaymentAttempt)) (model.PaymentAck, error) {
	return k.Client.SubmitPayment(ctx, s, func(model.PaymentAttempt) { k.kill("") })
}

// runKilledChild starts the child against the rig and waits for its death.
func (r *rig) runKilledChild(mode string) string {
	r.t.Helper()
	r.db.Close() // the parent lets go of the file as a stopped process would
	r.db = nil
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+mode, "PAYMENTS_KILL_URL="+r.srv.URL, "PAYMENTS_KILL_DIR="+r.dir,
		"PAYMENTS_KILL_NOW="+r.clock.Now().Format(time.RFC3339Nano))
	var errb strings.Builder
	cmd.Stderr = &errb
	out, err := cmd.Output()
	ee, ok := err.(*exec.ExitError)
	if !ok || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		r.t.Fatalf("child did not die by SIGKILL: %v\n%s", err, errb.String())
	}
	return strings.TrimSpace(string(out))
}

func TestKilledAfterJournalBeforeSend(t *testing.T) {
	r := newRig(t)
	e2e := r.runKilledChild("before-send")
	if r.posts.Load() != 0 || r.atBank(e2e) != 0 {
		t.Fatalf("the child sent before dying: %d POSTs", r.posts.Load())
	}
	r.openEngine(nil) // the restart
	p, err := r.eng.Get(context.Background(), e2e)
	if err != nil || p.Status != model.StatusSubmitting || !p.Intent.Amount.Equal(decimal.RequireFromString("4321")) {
		t.Fatalf("journal after the kill: %+v %v", p, err)
	}
	resume(t, r)
	r.assertOneAndTrue(e2e, model.StatusCompleted)
	if r.posts.Load() != 1 {
		t.Errorf("%d POSTs", r.posts.Load())
	}
}

func TestKilledMidPolling(t *testing.T) {
	r := newRig(t)
	e2e := r.runKilledChild("mid-polling")
	if r.posts.Load() != 1 || r.atBank(e2e) != 1 {
		t.Fatalf("%d POSTs, %d at the bank", r.posts.Load(), r.atBank(e2e))
	}
	r.clock.Advance(5 * time.Second) // the bank moves on while nobody watches
	r.openEngine(nil)
	p, _ := r.eng.Get(context.Background(), e2e)
	if p.Status.Terminal() || p.PaymentID == "" {
		t.Fatalf("journal after the kill: %s %q", p.Status, p.PaymentID)
	}
	resume(t, r)
	r.assertOneAndTrue(e2e, model.StatusCompleted)
	if r.posts.Load() != 1 {
		t.Errorf("resuming sent the payment again: %d POSTs", r.posts.Load())
	}
}

// resume is what start-up does: Resume every non-terminal payment.
func resume(t *testing.T, r *rig) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := r.eng.Resume(ctx, nil); err != nil {
		t.Fatal(err)
	}
}

func TestKilledAfterSendBeforeJournal(t *testing.T) {
	r := newRig(t)
	e2e := r.runKilledChild("after-send")
	if r.posts.Load() != 1 || r.atBank(e2e) != 1 {
		t.Fatalf("%d POSTs, %d at the bank", r.posts.Load(), r.atBank(e2e))
	}
	r.openEngine(nil)
	if p, _ := r.eng.Get(context.Background(), e2e); p.Status != model.StatusSubmitting || p.Attempts != 0 {
		t.Fatalf("journal after the kill: %s, %d attempts", p.Status, p.Attempts)
	}
	resume(t, r)
	p := r.assertOneAndTrue(e2e, model.StatusCompleted)
	if r.posts.Load() != 1 || p.PaymentID == "" {
		t.Errorf("%d POSTs; paymentId %q", r.posts.Load(), p.PaymentID)
	}
}
