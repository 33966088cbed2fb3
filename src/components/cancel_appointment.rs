//! 取消预约 with a confirmation: the question appears in place (an `alertdialog`, focus on the
//! safe answer), so a slip of the thumb never cancels a visit.

use crate::api;
use crate::i18n::booking::t;
use leptos::html;
use leptos::prelude::*;
use lianban_core::appointments::Appointment;

#[component]
pub fn CancelAppointment(
    appointment: Appointment,
    on_done: Callback<Appointment>,
) -> impl IntoView {
    let l = t();
    let asking = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let keep = NodeRef::<html::Button>::new();
    Effect::new(move |_| {
        if asking.get() {
            if let Some(b) = keep.get() {
                let _ = b.focus();
            }
        }
    });
    let id = appointment.id;
    let title_id = format!("cancel-{id}-title");
    let detail_id = format!("cancel-{id}-detail");
    let when = l.when(&appointment.date, &appointment.start, &appointment.end);
    let confirm = move |_| {
        busy.set(true);
        problem.set(None);
        leptos::task::spawn_local(async move {
            let result = api::cancel_appointment(id).await;
            busy.set(false);
            match result {
                Ok(a) => {
                    asking.set(false);
                    on_done.run(a);
                }
                Err(r) => problem.set(Some(r.message)),
            }
        });
    };
    view! {
        <Show
            when=move || asking.get()
            fallback=move || {
                view! {
                    <button type="button" class="button button--secondary" on:click=move |_| asking.set(true)>
                        {l.cancel}
                    </button>
                }
            }
        >
            <div class="panel panel--warning confirm" role="alertdialog" aria-labelledby=title_id.clone() aria-describedby=detail_id.clone()>
                <h3 id=title_id.clone() class="panel__title">{l.cancel_confirm_title}</h3>
                <p id=detail_id.clone()>{(l.cancel_confirm_detail)(&when)}</p>
                {move || problem.get().map(|m| view! { <p class="form-field__error" role="alert">{m}</p> })}
                <div class="actions">
                    <button type="button" class="button" disabled=busy on:click=confirm>
                        {l.cancel_yes}
                    </button>
                    <button type="button" class="button button--secondary" node_ref=keep on:click=move |_| asking.set(false)>
                        {l.cancel_no}
                    </button>
                </div>
            </div>
        </Show>
    }
}
