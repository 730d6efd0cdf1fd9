package bench

import (
	"os"
	"testing"
)

func TestParseProcStatus(t *testing.T) {
	status := "Name:\tgpx\nVmPeak:\t 1000 kB\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\nThreads:\t11\n"
	memory, err := parseProcStatus(status)
	if err != nil {
		t.Fatal(err)
	}
	if memory.RSSBytes != 100<<20 || memory.PeakRSSBytes != 200<<20 {
		t.Errorf("got %+v", memory)
	}
	if _, err := parseProcStatus("Name:\tzombie\nState:\tZ (zombie)\n"); err == nil {
		t.Error("a status without VmRSS must be an error, not 0 bytes")
	}
	if _, err := parseProcStatus("VmRSS:\t12 MB\nVmHWM:\t12 kB\n"); err == nil {
		t.Error("an unknown unit must be an error")
	}
}

func TestReadMemoryOfThisProcess(t *testing.T) {
	memory, err := ReadMemory(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	if memory.RSSBytes <= 0 || memory.PeakRSSBytes < memory.RSSBytes {
		t.Errorf("implausible memory of a live process: %+v", memory)
	}
}
